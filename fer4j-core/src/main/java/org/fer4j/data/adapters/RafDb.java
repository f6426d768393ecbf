package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * RAF-DB (basic): the aligned 100×100 faces, labelled and split by the partition list ({@code train_*} →
 * training, {@code test_*} → test). No subjects and no neutral references, so only the variants without a
 * neutral image apply; the protocol reports accuracy on the test split.
 */
public final class RafDb implements DatasetAdapter {
    /** RAF-DB's partition-list codes 1..7. */
    public static final LabelMap LABELS = LabelMap.builder("RAF-DB")
            .map("1", Emotion.SURPRISE)
            .map("2", Emotion.FEAR)
            .map("3", Emotion.DISGUST)
            .map("4", Emotion.HAPPINESS)
            .map("5", Emotion.SADNESS)
            .map("6", Emotion.ANGER)
            .map("7", Emotion.NEUTRAL)
            .build();
    public static final LabelSet CLASSES = LabelSet.BASIC_7_WITH_NEUTRAL;

    @Override
    public String name() {
        return "rafdb";
    }

    @Override
    public String description() {
        return "RAF-DB basic: aligned faces, official train/test partition; 7 classes, no neutral references";
    }

    @Override
    public LabelMap labelMap() {
        return LABELS;
    }

    @Override
    public String layout() {
        return "ROOT/basic/EmoLabel/list_patition_label.txt (\"train_00001.jpg 5\"), ROOT/basic/Image/aligned/train_00001_aligned.jpg";
    }

    @Override
    public Listing list(Path root, boolean strict) throws IOException {
        Layout.requireFolder(root, this);
        Path base = Layout.base(root, RafDb::holdsBasic).map(RafDb::basic).orElseThrow(() -> new IOException(root
                + ": no basic/EmoLabel/ folder; is this the RAF-DB root? expected " + layout()));
        Path labelDir = Layout.child(base, "EmoLabel").orElseThrow(() -> new IOException(root
                + ": no EmoLabel/ folder with the partition list; expected " + layout()));
        Path list = Layout.child(labelDir, "list_patition_label.txt", "list_partition_label.txt")
                .orElseThrow(() -> new IOException(labelDir + ": no list_patition_label.txt (RAF-DB's partition and label"
                        + " list, one 'train_00001.jpg 5' per line)"));
        ListingBuilder out = new ListingBuilder(name(), strict);
        Optional<Path> aligned = Layout.descend(base, "Image", "aligned").filter(Files::isDirectory);
        Path imageDir;
        boolean isAligned = aligned.isPresent();
        if (isAligned) {
            imageDir = aligned.get();
        } else {
            imageDir = Layout.descend(base, "Image", "original").filter(Files::isDirectory).orElseThrow(() ->
                    new IOException(base + ": no Image/aligned/ folder (nor Image/original/); expected " + layout()));
            out.note("Image/aligned/ not found: using the unaligned Image/original/ photographs whole");
        }
        Map<String, Path> byStem = new HashMap<>();
        for (Path p : Layout.files(imageDir)) {
            if (Layout.hasImageExtension(p)) {
                byStem.putIfAbsent(Layout.stem(p).toLowerCase(Locale.ROOT), p);
            }
        }
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            String where = list.getFileName() + " line " + (i + 1);
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 2) {
                out.problem(where, "'" + line + "' is not 'NAME.jpg CODE'");
                continue;
            }
            String stem = f[0].replaceAll("\\.[A-Za-z]+$", "");
            Split split = stem.startsWith("train_") ? Split.TRAIN : stem.startsWith("test_") ? Split.TEST : null;
            if (split == null) {
                out.problem(where, f[0] + " is neither train_* nor test_*, so its partition is unknown");
                continue;
            }
            Emotion label = out.label(LABELS, CLASSES, where, f[1]);
            if (label == null) {
                continue;
            }
            Path img = byStem.get((isAligned ? stem + "_aligned" : stem).toLowerCase(Locale.ROOT));
            if (img == null) {
                out.problem(where, "image " + imageDir.resolve(isAligned ? stem + "_aligned.jpg" : f[0]) + " not found");
                continue;
            }
            out.add(new Sample(stem, ImageRef.of(img), label, null, null, split, null, null, null), where);
        }
        return out.build(CLASSES);
    }

    /** The folder with EmoLabel/: {@code d} itself or its basic/ child. */
    private static boolean holdsBasic(Path d) {
        return Layout.hasChild(d, true, "EmoLabel") || Layout.hasChild(d, true, "basic");
    }

    private static Path basic(Path d) {
        try {
            return Layout.hasChild(d, true, "EmoLabel") ? d : Layout.child(d, "basic").orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
