package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelMap;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * The generic manifest: a CSV with {@code path,label} and optionally {@code subject}, {@code neutral} (the
 * same subject's neutral reference), {@code split}, {@code sequence} and a face box
 * {@code face_x,face_y,face_width,face_height}; paths relative to the CSV's folder. What
 * {@code fer4j synth} writes, and the way to bring any paired data set. Rows keep their order, so a
 * set written and read back gives the same samples in the same order.
 */
public final class Manifest implements DatasetAdapter {
    public static final String FILE = "manifest.csv";
    static final List<String> BOX = List.of("face_x", "face_y", "face_width", "face_height");

    @Override
    public String name() {
        return "manifest";
    }

    @Override
    public String description() {
        return "manifest CSV: path,label[,subject][,neutral][,split][,sequence][,face box]; classes as present";
    }

    @Override
    public LabelMap labelMap() {
        return ImageFolder.NAMES;
    }

    @Override
    public String layout() {
        return "ROOT/manifest.csv (or --root FILE.csv) with header path,label,subject,neutral; paths relative to the CSV";
    }

    @Override
    public Listing list(Path root, boolean strict) throws IOException {
        Path csv = Files.isRegularFile(root) ? root : Layout.child(Layout.requireFolder(root, this), FILE)
                .filter(Files::isRegularFile).orElseThrow(() -> new IOException(root + ": no " + FILE + "; expected " + layout()));
        Path base = csv.toAbsolutePath().getParent();
        ListingBuilder out = new ListingBuilder(name(), strict);
        try (CSVParser parser = Csv.open(csv)) {
            Map<String, Integer> col = null;
            int columns = 0;
            boolean box = false;
            for (CSVRecord rec : Csv.records(parser, csv)) {
                if (col == null) {
                    col = Csv.header(rec);
                    if (!Csv.has(col, "path") || !Csv.has(col, "label")) {
                        throw new IOException(csv + ": header " + rec.toList() + " needs 'path' and 'label' columns;"
                                + " expected " + layout());
                    }
                    Map<String, Integer> header = col;
                    box = BOX.stream().allMatch(c -> Csv.has(header, c));
                    columns = rec.size();
                    continue;
                }
                String where = csv.getFileName() + " line " + parser.getCurrentLineNumber();
                if (rec.size() != columns) {
                    out.problem(where, rec.size() + " columns where the header has " + columns
                            + " (an unquoted comma in a path? quote it, or fix the row)");
                    continue;
                }
                String path = Csv.get(rec, col, "path");
                Emotion label = out.label(ImageFolder.NAMES, null, where, Csv.get(rec, col, "label"));
                if (label == null) {
                    continue;
                }
                Path img = base.resolve(path);
                if (path.isEmpty() || !Files.isRegularFile(img)) {
                    out.problem(where, "image " + img + " not found");
                    continue;
                }
                String neutralPath = Csv.get(rec, col, "neutral");
                Path neutral = neutralPath.isEmpty() ? null : base.resolve(neutralPath);
                if (neutral != null && !Files.isRegularFile(neutral)) {
                    out.problem(where, "neutral image " + neutral + " not found");
                    continue;
                }
                String splitName = Csv.get(rec, col, "split");
                Split split = splitName.isEmpty() ? Split.UNSPECIFIED : ImageFolder.SPLITS.get(splitName.toLowerCase(Locale.ROOT));
                if (split == null) {
                    out.problem(where, "split '" + splitName + "' is not one of train, validation, test");
                    continue;
                }
                FaceBox face;
                try {
                    face = box ? faceBox(rec, col) : null;
                } catch (IllegalArgumentException e) {
                    out.problem(where, "bad face box (" + e.getMessage() + ")");
                    continue;
                }
                String subject = Csv.get(rec, col, "subject");
                String sequence = Csv.get(rec, col, "sequence");
                String id = path.replace('\\', '/').replaceAll("\\.[^./]+$", "");
                out.add(new Sample(id, ImageRef.of(img), label, subject.isEmpty() ? null : subject,
                        sequence.isEmpty() ? null : sequence, split, neutral == null ? null : ImageRef.of(neutral), face,
                        null), where);
            }
            if (col == null) {
                throw new IOException(csv + ": empty manifest; expected a header line such as path,label,subject,neutral");
            }
        }
        return out.buildPresentClasses();
    }

    /** One manifest row read for prediction, where no label is needed. */
    public record Face(String name, Path image, Path neutral, FaceBox box) {
    }

    /**
     * The faces of a manifest as {@code predict} reads them: the same CSV dialect (quoted paths with
     * commas), paths relative to the CSV, the optional {@code neutral} column and face-box columns; a
     * label column may be there or not.
     *
     * @throws IOException naming the file and line of a missing header column, a short row or a bad box
     */
    public static List<Face> readFaces(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IOException(csv + ": manifest not found");
        }
        Path base = csv.toAbsolutePath().getParent();
        List<Face> out = new ArrayList<>();
        try (CSVParser parser = Csv.open(csv)) {
            Map<String, Integer> col = null;
            int columns = 0;
            boolean box = false;
            for (CSVRecord rec : Csv.records(parser, csv)) {
                if (col == null) {
                    col = Csv.header(rec);
                    if (!Csv.has(col, "path")) {
                        throw new IOException(csv + ": header " + rec.toList() + " has no 'path' column");
                    }
                    Map<String, Integer> header = col;
                    box = BOX.stream().allMatch(c -> Csv.has(header, c));
                    columns = rec.size();
                    continue;
                }
                String where = csv + " line " + parser.getCurrentLineNumber();
                if (rec.size() != columns) {
                    throw new IOException(where + ": " + rec.size() + " columns where the header has " + columns
                            + " (an unquoted comma in a path? quote it)");
                }
                String path = Csv.get(rec, col, "path");
                if (path.isEmpty()) {
                    throw new IOException(where + ": empty path");
                }
                String neutral = Csv.get(rec, col, "neutral");
                FaceBox face;
                try {
                    face = box ? faceBox(rec, col) : null;
                } catch (IllegalArgumentException e) {
                    throw new IOException(where + ": bad face box (" + e.getMessage() + ")", e);
                }
                out.add(new Face(path, base.resolve(path), neutral.isEmpty() ? null : base.resolve(neutral), face));
            }
            if (col == null) {
                throw new IOException(csv + ": manifest is empty; expected a header such as path,label,subject,neutral");
            }
        }
        return out;
    }

    /** The row's face box, or null when its box cells are empty; a malformed number or box throws. */
    private static FaceBox faceBox(CSVRecord rec, Map<String, Integer> col) {
        if (Csv.get(rec, col, BOX.get(0)).isEmpty()) {
            return null;
        }
        return new FaceBox(Double.parseDouble(Csv.get(rec, col, BOX.get(0))), Double.parseDouble(Csv.get(rec, col, BOX.get(1))),
                Double.parseDouble(Csv.get(rec, col, BOX.get(2))), Double.parseDouble(Csv.get(rec, col, BOX.get(3))));
    }
}
