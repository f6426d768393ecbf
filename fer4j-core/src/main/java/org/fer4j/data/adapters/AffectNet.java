package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * AffectNet in either release layout, 7 classes (contempt dropped) or 8 (with contempt), codes 8–10
 * (none, uncertain, no face) dropped. Protocol: train on the training list, report accuracy on the
 * official validation set (listed here as the test split; checkpoint selection takes a validation part
 * from the training images). The original release crops by its face boxes; the later one ships crops.
 */
public final class AffectNet implements DatasetAdapter {
    /** AffectNet's expression codes 0..10. */
    public static final LabelMap LABELS = LabelMap.builder("AffectNet")
            .map("0", Emotion.NEUTRAL)
            .map("1", Emotion.HAPPINESS)
            .map("2", Emotion.SADNESS)
            .map("3", Emotion.SURPRISE)
            .map("4", Emotion.FEAR)
            .map("5", Emotion.DISGUST)
            .map("6", Emotion.ANGER)
            .map("7", Emotion.CONTEMPT)
            .drop("8", "none (no expression class)")
            .drop("9", "uncertain")
            .drop("10", "no face")
            .build();
    /** The original release's CSV columns, in the order used when a file has no header line. */
    static final List<String> COLUMNS = List.of("subDirectory_filePath", "face_x", "face_y", "face_width", "face_height",
            "facial_landmarks", "expression", "valence", "arousal");

    private final boolean withContempt;

    /** @param withContempt 8 classes (with contempt) instead of 7 */
    public AffectNet(boolean withContempt) {
        this.withContempt = withContempt;
    }

    public LabelSet classes() {
        return withContempt ? LabelSet.ALL_8 : LabelSet.BASIC_7_WITH_NEUTRAL;
    }

    @Override
    public String name() {
        return withContempt ? "affectnet8" : "affectnet";
    }

    @Override
    public String description() {
        return "AffectNet: training list → train, official validation set → test; " + (withContempt
                ? "8 classes (with contempt)" : "7 classes (contempt dropped; affectnet8 keeps it)") + ", codes 8–10 dropped";
    }

    @Override
    public LabelMap labelMap() {
        return LABELS;
    }

    @Override
    public String layout() {
        return "ROOT/Manually_Annotated_file_lists/{training,validation}.csv + ROOT/Manually_Annotated_Images/<subdir>/<name>.jpg,"
                + " or ROOT/{train_set,val_set}/images/123.jpg + .../annotations/123_exp.npy";
    }

    @Override
    public Listing list(Path root, boolean strict) throws IOException {
        Layout.requireFolder(root, this);
        Optional<Path> lists = Layout.base(root, AffectNet::hasLists).map(AffectNet::listFolder);
        ListingBuilder out = new ListingBuilder(name(), strict);
        out.note(classes().size() + " classes " + classes().names());
        if (lists.isPresent()) {
            listCsv(lists.get(), out);
        } else {
            Path base = Layout.base(root, d -> Layout.hasChild(d, true, "train_set") || Layout.hasChild(d, true, "val_set"))
                    .orElseThrow(() -> new IOException(root + ": neither Manually_Annotated_file_lists/training.csv nor"
                            + " train_set/ nor val_set/; is this the AffectNet root? expected " + layout()));
            out.note("layout: train_set/ and val_set/ with .npy annotations (faces already cropped)");
            for (Map.Entry<String, Split> part : Map.of("train_set", Split.TRAIN, "val_set", Split.TEST).entrySet()
                    .stream().sorted(Map.Entry.comparingByKey()).toList()) {
                Optional<Path> dir = Layout.child(base, part.getKey()).filter(Files::isDirectory);
                if (dir.isEmpty()) {
                    out.problem(base.resolve(part.getKey()), "folder missing, so its split has no samples");
                    continue;
                }
                listNpy(dir.get(), part.getKey(), part.getValue(), out);
            }
        }
        return out.build(classes());
    }

    private static boolean hasLists(Path d) {
        return Layout.hasChild(d, true, "Manually_Annotated_file_lists") || Layout.hasChild(d, false, "training.csv");
    }

    private static Path listFolder(Path d) {
        try {
            return Layout.child(d, "Manually_Annotated_file_lists").filter(Files::isDirectory).orElse(d);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void listCsv(Path lists, ListingBuilder out) throws IOException {
        Path top = lists.getFileName().toString().equalsIgnoreCase("Manually_Annotated_file_lists")
                && lists.getParent() != null ? lists.getParent() : lists;
        Path images = Layout.child(top, "Manually_Annotated_Images").filter(Files::isDirectory)
                .or(() -> descend(top, "Manually_Annotated", "Manually_Annotated_Images"))
                .orElseThrow(() -> new IOException(top + ": no Manually_Annotated_Images/ folder next to the file lists;"
                        + " expected " + layout()));
        out.note("layout: CSV file lists in " + lists + ", images in " + images + " (cropped by the CSV's face boxes)");
        for (String file : List.of("training.csv", "validation.csv")) {
            Optional<Path> csv = Layout.child(lists, file);
            if (csv.isEmpty()) {
                out.problem(lists.resolve(file), "file list missing, so its split has no samples");
                continue;
            }
            readCsv(csv.get(), images, file.startsWith("training") ? Split.TRAIN : Split.TEST, out);
        }
    }

    private static Optional<Path> descend(Path dir, String... names) {
        try {
            return Layout.descend(dir, names).filter(Files::isDirectory);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void readCsv(Path csv, Path images, Split split, ListingBuilder out) throws IOException {
        try (CSVParser parser = Csv.open(csv)) {
            Map<String, Integer> col = null;
            for (CSVRecord rec : Csv.records(parser, csv)) {
                String where = csv.getFileName() + " line " + parser.getCurrentLineNumber();
                if (col == null) {
                    if (rec.get(0).trim().equalsIgnoreCase(COLUMNS.get(0))) {
                        col = Csv.header(rec);
                        continue;
                    }
                    col = Csv.positions(COLUMNS); // validation.csv of some copies has no header line
                }
                if (rec.size() < 7) {
                    out.problem(where, rec.size() + " column(s), expected " + COLUMNS.size() + " (" + String.join(",", COLUMNS) + ")");
                    continue;
                }
                String rel = Csv.get(rec, col, "subDirectory_filePath");
                Emotion label = out.label(LABELS, classes(), where, Csv.get(rec, col, "expression"));
                if (label == null) {
                    continue;
                }
                FaceBox box;
                try {
                    box = new FaceBox(Double.parseDouble(Csv.get(rec, col, "face_x")),
                            Double.parseDouble(Csv.get(rec, col, "face_y")),
                            Double.parseDouble(Csv.get(rec, col, "face_width")),
                            Double.parseDouble(Csv.get(rec, col, "face_height")));
                } catch (IllegalArgumentException e) { // NumberFormatException is one
                    out.problem(where, "bad face box (" + e.getMessage() + ")");
                    continue;
                }
                Path img = images.resolve(rel);
                if (rel.isEmpty() || !Files.isRegularFile(img)) {
                    out.problem(where, "image " + img + " not found");
                    continue;
                }
                String id = rel.replaceAll("\\.[A-Za-z]+$", "");
                out.add(new Sample(id, ImageRef.of(img), label, null, null, split, null, box, null), where);
            }
        }
    }

    private void listNpy(Path dir, String part, Split split, ListingBuilder out) throws IOException {
        Path images = Layout.child(dir, "images").filter(Files::isDirectory).orElse(null);
        Path ann = Layout.child(dir, "annotations").filter(Files::isDirectory).orElse(null);
        if (images == null || ann == null) {
            out.problem(dir, "needs images/ and annotations/ folders");
            return;
        }
        Set<String> stems = new HashSet<>();
        for (Path img : Layout.images(images, out)) {
            String stem = Layout.stem(img);
            stems.add(stem.toLowerCase(Locale.ROOT));
            Optional<Path> exp = Layout.child(ann, stem + "_exp.npy");
            if (exp.isEmpty()) {
                out.problem(img, "no annotation " + ann.resolve(stem + "_exp.npy"));
                continue;
            }
            String code;
            try {
                code = NpyArray.read(exp.get()).scalarText();
            } catch (IOException | IllegalArgumentException e) {
                out.problem(exp.get(), e.getMessage());
                continue;
            }
            Emotion label = out.label(LABELS, classes(), exp.get(), code);
            if (label != null) {
                out.add(new Sample(part + "/" + stem, ImageRef.of(img), label, null, null, split, null, null, null), img);
            }
        }
        for (Path a : Layout.files(ann)) {
            String n = a.getFileName().toString();
            if (n.toLowerCase(Locale.ROOT).endsWith("_exp.npy")
                    && !stems.contains(n.substring(0, n.length() - "_exp.npy".length()).toLowerCase(Locale.ROOT))) {
                out.problem(a, "annotation without an image in " + images);
            }
        }
    }
}
