package org.fer4j.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A listed dataset: its samples, the classes it is evaluated on, and what was skipped while listing.
 * Subsets are views over the same samples (no images are decoded here).
 */
public record Dataset(String name, LabelSet labels, List<Sample> samples, List<Skipped> skipped) {
    public Dataset {
        samples = List.copyOf(samples);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        for (Sample s : samples) {
            if (!labels.contains(s.label())) {
                throw new IllegalArgumentException("dataset " + name + ": sample " + s.id() + " has label '"
                        + s.label().canonicalName() + "' which is not one of its classes " + labels.names());
            }
        }
    }

    public int size() {
        return samples.size();
    }

    public Dataset filter(Predicate<Sample> keep) {
        return new Dataset(name, labels, samples.stream().filter(keep).toList(), skipped);
    }

    public Dataset subset(Collection<String> subjects) {
        Set<String> set = new HashSet<>(subjects);
        return filter(s -> set.contains(s.subject()));
    }

    public Dataset split(Split split) {
        return filter(s -> s.split() == split);
    }

    /**
     * The targets a paired model can use: those with a neutral reference of their subject. Drops the
     * others and says how many and why through {@code warn}, or fails when {@code strict}; fails when no
     * target has one, since then no paired model can be trained or evaluated on this dataset.
     */
    public Dataset withNeutralReferences(boolean strict, Consumer<String> warn) {
        List<Sample> missing = samples.stream().filter(s -> !s.hasNeutral()).toList();
        if (missing.isEmpty()) {
            return this;
        }
        if (missing.size() == size()) {
            throw new IllegalArgumentException("dataset " + name + " has no neutral reference images, so the paired"
                    + " SPNDL model cannot be trained on it; use --model spndl-nn (without neutral) or baseline");
        }
        String msg = missing.size() + " of " + size() + " targets have no neutral image of their subject (first: "
                + missing.get(0).id() + ")";
        if (strict) {
            throw new IllegalArgumentException(msg + "; strict mode");
        }
        warn.accept("dropped " + msg + "; paired models need one (use --strict to fail instead)");
        return filter(Sample::hasNeutral);
    }

    public Map<Emotion, Integer> countsPerClass() {
        Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
        for (Emotion e : labels.classes()) {
            counts.put(e, 0);
        }
        for (Sample s : samples) {
            counts.merge(s.label(), 1, Integer::sum);
        }
        return counts;
    }

    /** Subject ids in first-seen order; samples without a subject are their own subject (their id). */
    public List<String> subjects() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Sample s : samples) {
            seen.put(subjectOf(s), true);
        }
        return new ArrayList<>(seen.keySet());
    }

    public static String subjectOf(Sample s) {
        return s.subject() != null ? s.subject() : s.id();
    }

    public long pairs() {
        return samples.stream().filter(Sample::hasNeutral).count();
    }

    /**
     * Checks the dataset is usable for training: non-empty, and every class has a sample.
     *
     * @throws IllegalArgumentException naming the empty class and how to fix it
     */
    public void requireTrainable() {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + " is empty"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " entries skipped, first: " + skipped.get(0) + ")")
                    + "; check the root folder and layout");
        }
        countsPerClass().forEach((e, n) -> {
            if (n == 0) {
                throw new IllegalArgumentException("dataset " + name + ": class '" + e.canonicalName()
                        + "' has no samples; add samples or choose a label set without it");
            }
        });
    }
}
