package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * JAFFE: 213 grey images of 10 subjects, labelled by file name ({@code KA.AN1.39.tiff}: subject KA,
 * expression AN, repeat 1, image 39); 7 classes with neutral. Every image is a target; its neutral
 * reference is the subject's first neutral image by name, and that image's own reference is the
 * subject's second neutral image, so no target is paired with itself when a subject has two.
 * Protocol: leave-one-subject-out ({@code --folds 0}).
 */
public final class Jaffe implements DatasetAdapter {
    /** JAFFE's two-letter expression codes. */
    public static final LabelMap LABELS = LabelMap.builder("JAFFE").ignoreCase()
            .map("AN", Emotion.ANGER)
            .map("DI", Emotion.DISGUST)
            .map("FE", Emotion.FEAR)
            .map("HA", Emotion.HAPPINESS)
            .map("NE", Emotion.NEUTRAL)
            .map("SA", Emotion.SADNESS)
            .map("SU", Emotion.SURPRISE)
            .build();
    public static final LabelSet CLASSES = LabelSet.BASIC_7_WITH_NEUTRAL;
    static final Pattern NAME = Pattern.compile("([A-Za-z]{2})\\.([A-Za-z]{2})(\\d*)\\.(\\d+)");

    @Override
    public String name() {
        return "jaffe";
    }

    @Override
    public String description() {
        return "JAFFE: labels from file names; neutral reference = the subject's first NE image; 7 classes;"
                + " leave-one-subject-out (--folds 0)";
    }

    @Override
    public LabelMap labelMap() {
        return LABELS;
    }

    @Override
    public String layout() {
        return "ROOT/KA.AN1.39.tiff ... (or ROOT/jaffe/KA.AN1.39.tiff)";
    }

    private record Entry(Path file, String subject, String code) {
    }

    @Override
    public Listing list(Path root, boolean strict) throws IOException {
        Layout.requireFolder(root, this);
        Path dir = Layout.base(root, Jaffe::holdsImages).orElseThrow(() -> new IOException(root
                + ": no JAFFE images named like KA.AN1.39.tiff; is this the JAFFE folder? expected " + layout()));
        ListingBuilder out = new ListingBuilder(name(), strict);
        Map<String, List<Entry>> bySubject = new LinkedHashMap<>();
        for (Path p : Layout.images(dir, out)) {
            Matcher m = NAME.matcher(Layout.stem(p));
            if (!m.matches()) {
                out.problem(p, "file name does not follow JAFFE's SUBJECT.CODEn.NUMBER pattern (e.g. KA.AN1.39.tiff)");
                continue;
            }
            bySubject.computeIfAbsent(m.group(1).toUpperCase(Locale.ROOT), s -> new ArrayList<>())
                    .add(new Entry(p, m.group(1).toUpperCase(Locale.ROOT), m.group(2)));
        }
        for (Map.Entry<String, List<Entry>> subject : bySubject.entrySet()) {
            List<Path> neutrals = subject.getValue().stream()
                    .filter(e -> LABELS.emotion(e.code()).orElse(null) == Emotion.NEUTRAL).map(Entry::file).toList();
            if (neutrals.isEmpty()) {
                out.note("subject " + subject.getKey() + " has no neutral (NE) image: its targets have no reference");
            }
            for (Entry e : subject.getValue()) {
                Emotion label = out.label(LABELS, CLASSES, e.file(), e.code());
                if (label == null) {
                    continue;
                }
                Path ref = neutrals.isEmpty() ? null
                        : neutrals.get(0).equals(e.file()) && neutrals.size() > 1 ? neutrals.get(1) : neutrals.get(0);
                out.add(new Sample(Layout.stem(e.file()), ImageRef.of(e.file()), label, e.subject(), null,
                        Split.UNSPECIFIED, ref == null ? null : ImageRef.of(ref), null, null), e.file());
            }
        }
        return out.build(CLASSES);
    }

    private static boolean holdsImages(Path d) {
        try {
            return Layout.files(d).stream().anyMatch(p -> Layout.hasImageExtension(p) && NAME.matcher(Layout.stem(p)).matches());
        } catch (IOException e) {
            return false;
        }
    }
}
