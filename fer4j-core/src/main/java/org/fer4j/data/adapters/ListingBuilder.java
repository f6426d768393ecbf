package org.fer4j.data.adapters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.LabelMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Skipped;

/**
 * Collects an adapter's samples together with what it left out, in two kinds: <em>problems</em> (a missing
 * file, a malformed line, an unknown code, a duplicate: reported as skipped, and fatal when strict) and
 * <em>exclusions</em> the protocol makes on purpose (never fatal). Sample ids are checked to be unique.
 */
final class ListingBuilder {
    private final String dataset;
    private final boolean strict;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Skipped> problems = new ArrayList<>();
    private final List<Skipped> excluded = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> ids = new HashMap<>();

    ListingBuilder(String dataset, boolean strict) {
        this.dataset = dataset;
        this.strict = strict;
    }

    /**
     * Records an entry that cannot be used because something is wrong with it.
     *
     * @throws IOException when strict, naming the source and the reason
     */
    void problem(Object source, String reason) throws IOException {
        if (strict) {
            throw new IOException(dataset + ": " + source + ": " + reason + " (--strict stops at the first problem;"
                    + " leave it out to skip such entries)");
        }
        problems.add(new Skipped(String.valueOf(source), reason));
    }

    /** Records an entry the protocol leaves out on purpose. */
    void exclude(Object source, String reason) {
        excluded.add(new Skipped(String.valueOf(source), reason));
    }

    void note(String note) {
        notes.add(note);
    }

    /**
     * Resolves a dataset code through its label map and the classes the protocol evaluates on. Unknown codes
     * are problems; dropped codes and emotions outside {@code classes} are exclusions.
     *
     * @param classes the evaluated classes, or {@code null} to accept every mapped emotion
     * @return the emotion, or {@code null} when the entry is left out
     */
    Emotion label(LabelMap map, LabelSet classes, Object source, String code) throws IOException {
        if (!map.known(code)) {
            problem(source, map.whyNot(code));
            return null;
        }
        Optional<Emotion> e = map.emotion(code);
        if (e.isEmpty()) {
            exclude(source, map.whyNot(code));
            return null;
        }
        if (classes != null && !classes.contains(e.get())) {
            exclude(source, "label '" + e.get().canonicalName() + "' is not one of the " + classes.size()
                    + " classes of the protocol " + classes.names());
            return null;
        }
        return e.get();
    }

    /** Adds a sample; a second sample with the same id is a duplicate problem. */
    void add(Sample s, Object source) throws IOException {
        String first = ids.putIfAbsent(s.id(), String.valueOf(source));
        if (first != null) {
            problem(source, "duplicate of " + first + " (same sample id '" + s.id() + "'); the first is kept");
            return;
        }
        samples.add(s);
    }

    int size() {
        return samples.size();
    }

    /** The listing with a fixed class set (the protocol's). */
    Listing build(LabelSet classes) {
        return new Listing(new Dataset(dataset, classes, samples, problems), excluded, notes);
    }

    /**
     * The listing over the classes actually present, in canonical order (for generic layouts, whose
     * classes are whatever the user's data holds).
     *
     * @throws IOException when fewer than two classes have samples
     */
    Listing buildPresentClasses() throws IOException {
        EnumSet<Emotion> present = EnumSet.noneOf(Emotion.class);
        samples.forEach(s -> present.add(s.label()));
        if (present.size() < 2) {
            if (samples.isEmpty()) {
                return build(LabelSet.ALL_8);
            }
            throw new IOException("dataset " + dataset + ": only the class " + present.iterator().next().canonicalName()
                    + " has samples; a classifier needs at least two classes");
        }
        return build(new LabelSet(List.copyOf(present)));
    }
}
