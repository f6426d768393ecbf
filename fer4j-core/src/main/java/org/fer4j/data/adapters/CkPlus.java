package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * CK+ (Extended Cohn-Kanade) with the SPNDL protocol: of every sequence that has an emotion file, the
 * first frame is the neutral reference and the last three frames are targets (981 pairs on the full
 * set, 7 classes), every frame cropped by the box of its own 68 landmarks.
 */
public final class CkPlus implements DatasetAdapter {
    /** CK+'s emotion codes. Code 0 (neutral) never labels a sequence's peak; neutral frames are references. */
    public static final LabelMap LABELS = LabelMap.builder("CK+")
            .map("0", Emotion.NEUTRAL)
            .map("1", Emotion.ANGER)
            .map("2", Emotion.CONTEMPT)
            .map("3", Emotion.DISGUST)
            .map("4", Emotion.FEAR)
            .map("5", Emotion.HAPPINESS)
            .map("6", Emotion.SADNESS)
            .map("7", Emotion.SURPRISE)
            .build();
    public static final LabelSet CLASSES = LabelSet.CK_PLUS_7;
    /** Targets per labelled sequence: its last three frames. */
    public static final int TARGETS_PER_SEQUENCE = 3;
    public static final int LANDMARK_POINTS = 68;

    @Override
    public String name() {
        return "ckplus";
    }

    @Override
    public String description() {
        return "CK+: first frame = neutral reference, last three frames = targets, cropped by the 68-landmark box; 7 classes";
    }

    @Override
    public LabelMap labelMap() {
        return LABELS;
    }

    @Override
    public String layout() {
        return "ROOT/cohn-kanade-images/S005/001/S005_001_00000001.png, ROOT/Emotion/S005/001/S005_001_00000011_emotion.txt,"
                + " ROOT/Landmarks/S005/001/S005_001_00000001_landmarks.txt";
    }

    @Override
    public Listing list(Path root, boolean strict) throws IOException {
        Layout.requireFolder(root, this);
        Path base = Layout.base(root, d -> Layout.hasChild(d, true, "cohn-kanade-images", "extended-cohn-kanade-images"))
                .orElseThrow(() -> new IOException(root + ": no cohn-kanade-images/ folder; is this the CK+ root? expected "
                        + layout()));
        Path images = Layout.child(base, "cohn-kanade-images", "extended-cohn-kanade-images").orElseThrow();
        Path emotion = labelFolder(base).orElseThrow(() -> new IOException(base + ": no Emotion/ folder; CK+'s labels"
                + " (Emotion/S005/001/S005_001_00000011_emotion.txt) are part of the release and needed to list it"));
        Path landmarks = Layout.child(base, "Landmarks").filter(Files::isDirectory).orElseThrow(() -> new IOException(base
                + ": no Landmarks/ folder; the CK+ protocol crops every frame by the box of its 68 landmarks"
                + " (Landmarks/S005/001/S005_001_00000001_landmarks.txt); copy Landmarks/ from the release"));
        ListingBuilder out = new ListingBuilder(name(), strict);
        out.note("images " + images + ", labels " + emotion + ", landmarks " + landmarks);
        Set<String> sequencesWithImages = new HashSet<>();
        for (Path subjectDir : Layout.folders(images)) {
            String subject = subjectDir.getFileName().toString();
            for (Path seqDir : Layout.folders(subjectDir)) {
                String seq = seqDir.getFileName().toString();
                sequencesWithImages.add(key(subject, seq));
                listSequence(out, subject, seq, seqDir, Layout.descend(emotion, subject, seq),
                        Layout.descend(landmarks, subject, seq));
            }
        }
        for (Path subjectDir : Layout.folders(emotion)) {
            for (Path seqDir : Layout.folders(subjectDir)) {
                String subject = subjectDir.getFileName().toString();
                if (!sequencesWithImages.contains(key(subject, seqDir.getFileName().toString()))) {
                    out.problem(seqDir, "emotion label without images (no " + images.getFileName() + "/" + subject + "/"
                            + seqDir.getFileName() + "/)");
                }
            }
        }
        return out.build(CLASSES);
    }

    private static Optional<Path> labelFolder(Path base) throws IOException {
        Optional<Path> e = Layout.child(base, "Emotion");
        if (e.isPresent() && Files.isDirectory(e.get())) {
            return e;
        }
        return Layout.descend(base, "Emotion_labels", "Emotion").filter(Files::isDirectory);
    }

    private static String key(String subject, String seq) {
        return (subject + "/" + seq).toLowerCase(Locale.ROOT);
    }

    private void listSequence(ListingBuilder out, String subject, String seq, Path seqDir, Optional<Path> emotionDir,
                              Optional<Path> landmarkDir) throws IOException {
        List<Path> labels = emotionDir.isEmpty() ? List.of() : Layout.files(emotionDir.get()).stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("_emotion.txt")).toList();
        if (labels.isEmpty()) {
            out.exclude(seqDir, "no emotion file (an unlabelled sequence; CK+ labels 327 of its 593)");
            return;
        }
        if (labels.size() > 1) {
            out.problem(seqDir, labels.size() + " emotion files " + labels.stream().map(p -> p.getFileName().toString())
                    .toList() + "; a sequence has one");
            return;
        }
        Path labelFile = labels.get(0);
        String code;
        try {
            code = readCode(labelFile);
        } catch (IOException e) {
            out.problem(labelFile, e.getMessage());
            return;
        }
        Emotion label = out.label(LABELS, CLASSES, labelFile, code);
        if (label == null) {
            return;
        }
        List<Path> frames = Layout.images(seqDir, out);
        if (frames.size() < 1 + TARGETS_PER_SEQUENCE) {
            out.problem(seqDir, frames.size() + " frame(s); the protocol needs the first frame and three more");
            return;
        }
        if (landmarkDir.isEmpty()) {
            out.problem(seqDir, "no landmarks for this sequence (expected Landmarks/" + subject + "/" + seq + "/)");
            return;
        }
        Path first = frames.get(0);
        FaceBox neutralBox = box(out, landmarkDir.get(), first, " (the sequence's neutral reference; its "
                + TARGETS_PER_SEQUENCE + " targets are skipped)");
        if (neutralBox == null) {
            return;
        }
        for (Path target : frames.subList(frames.size() - TARGETS_PER_SEQUENCE, frames.size())) {
            FaceBox box = box(out, landmarkDir.get(), target, "");
            if (box != null) {
                out.add(new Sample(Layout.stem(target), ImageRef.of(target), label, subject, seq, Split.UNSPECIFIED,
                        ImageRef.of(first), box, neutralBox), target);
            }
        }
    }

    /** The emotion file's single float ("   3.0000000e+00") as a whole-number code. */
    static String readCode(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).trim();
        if (text.isEmpty()) {
            throw new IOException("empty emotion file; it should hold one code such as 3.0000000e+00");
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IOException("emotion file holds '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "', expected one number such as 3.0000000e+00");
        }
        if (!Double.isFinite(v) || v != Math.rint(v)) {
            throw new IOException("emotion value " + text + " is not a whole-number code");
        }
        return Long.toString((long) v);
    }

    private static FaceBox box(ListingBuilder out, Path landmarkDir, Path frame, String consequence) throws IOException {
        String name = Layout.stem(frame) + "_landmarks.txt";
        Optional<Path> file = Layout.child(landmarkDir, name);
        if (file.isEmpty()) {
            out.problem(frame, "no landmarks file " + landmarkDir.resolve(name) + consequence);
            return null;
        }
        try {
            return Landmarks.box(file.get(), LANDMARK_POINTS);
        } catch (IOException | IllegalArgumentException e) {
            out.problem(file.get(), e.getMessage() + consequence);
            return null;
        }
    }
}
