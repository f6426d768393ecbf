package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * Oulu-CASIA NIR&amp;VIS with the SPNDL protocol: visible-light camera, strong illumination only (480
 * sequences of 80 subjects); the first frame of each sequence is the neutral reference and the last three
 * are targets (1,440 pairs, 6 classes). No landmarks ship with it, so the pre-cropped {@code Cropped/}
 * tree is preferred when present; frames of {@code OriginalImg/} are used whole.
 */
public final class OuluCasia implements DatasetAdapter {
    /** Oulu-CASIA names its expressions by folder. */
    public static final LabelMap LABELS = LabelMap.builder("Oulu-CASIA").ignoreCase()
            .map("Anger", Emotion.ANGER)
            .map("Disgust", Emotion.DISGUST)
            .map("Fear", Emotion.FEAR)
            .map("Happiness", Emotion.HAPPINESS)
            .map("Sadness", Emotion.SADNESS)
            .map("Surprise", Emotion.SURPRISE)
            .build();
    public static final LabelSet CLASSES = LabelSet.SIX_BASIC;
    public static final int TARGETS_PER_SEQUENCE = 3;

    @Override
    public String name() {
        return "oulu";
    }

    @Override
    public String description() {
        return "Oulu-CASIA: VL camera, strong light; first frame = neutral reference, last three = targets; 6 classes";
    }

    @Override
    public LabelMap labelMap() {
        return LABELS;
    }

    @Override
    public String layout() {
        return "ROOT/OriginalImg/VL/Strong/P001/Anger/000.jpeg (or ROOT/Cropped/VL/Strong/...)";
    }

    @Override
    public Listing list(Path root, boolean strict) throws IOException {
        Layout.requireFolder(root, this);
        Optional<Path> strong = strongFolder(root);
        if (strong.isEmpty()) {
            for (Path d : Layout.folders(root)) {
                strong = strongFolder(d);
                if (strong.isPresent()) {
                    break;
                }
            }
        }
        Path dir = strong.orElseThrow(() -> new IOException(root + ": no VL/Strong/ folder of subjects (P001/Anger/000.jpeg);"
                + " is this the Oulu-CASIA root? expected " + layout()));
        ListingBuilder out = new ListingBuilder(name(), strict);
        Path tree = dir.getParent() == null ? null : dir.getParent().getParent();
        boolean cropped = tree != null && tree.getFileName() != null && tree.getFileName().toString().equalsIgnoreCase("Cropped");
        out.note("sequences from " + dir + (cropped ? " (pre-cropped faces)"
                : " (no face boxes ship with Oulu-CASIA: frames are used whole, centre square; prefer the Cropped/ tree)"));
        for (Path subjectDir : Layout.folders(dir)) {
            String subject = subjectDir.getFileName().toString();
            if (!subject.matches("(?i)P\\d+")) {
                out.problem(subjectDir, "not a subject folder (Oulu-CASIA's are P001 … P080)");
                continue;
            }
            for (Path exprDir : Layout.folders(subjectDir)) {
                String expr = exprDir.getFileName().toString();
                Emotion label = out.label(LABELS, CLASSES, exprDir, expr);
                if (label == null) {
                    continue;
                }
                List<Path> frames = Layout.images(exprDir, out);
                if (frames.size() < 1 + TARGETS_PER_SEQUENCE) {
                    out.problem(exprDir, frames.size() + " frame(s); the protocol needs the first frame and three more");
                    continue;
                }
                Path first = frames.get(0);
                for (Path t : frames.subList(frames.size() - TARGETS_PER_SEQUENCE, frames.size())) {
                    out.add(new Sample(subject + "_" + expr + "_" + Layout.stem(t), ImageRef.of(t), label, subject, expr,
                            Split.UNSPECIFIED, ImageRef.of(first), null, null), t);
                }
            }
        }
        return out.build(CLASSES);
    }

    /** {@code dir} itself when it holds subject folders, else its VL/Strong under Cropped/, OriginalImg/ or directly. */
    private static Optional<Path> strongFolder(Path dir) throws IOException {
        List<String[]> candidates = new ArrayList<>();
        for (String tree : new String[] {"Cropped", "OriginalImg", null}) {
            for (String camera : new String[] {"VL", "VIS"}) {
                candidates.add(tree == null ? new String[] {camera, "Strong"} : new String[] {tree, camera, "Strong"});
            }
        }
        for (String[] c : candidates) {
            Optional<Path> p = Layout.descend(dir, c).filter(Files::isDirectory);
            if (p.isPresent()) {
                return p;
            }
        }
        boolean subjects = Layout.folders(dir).stream().anyMatch(p -> p.getFileName().toString().matches("(?i)P\\d+"));
        return subjects && dir.getFileName() != null && dir.getFileName().toString().equalsIgnoreCase("Strong")
                ? Optional.of(dir) : Optional.empty();
    }
}
