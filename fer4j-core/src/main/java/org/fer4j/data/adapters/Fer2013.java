package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * FER2013: 48×48 grey faces stored as pixel strings in one CSV, split by its {@code Usage} column
 * (Training → train, PublicTest → validation, PrivateTest → test; the protocol reports PrivateTest).
 * The pixels stay as bytes ({@link ImageRef.GreyPixels}); no subjects, no neutral references.
 */
public final class Fer2013 implements DatasetAdapter {
    /** FER2013's emotion codes 0..6. */
    public static final LabelMap LABELS = LabelMap.builder("FER2013")
            .map("0", Emotion.ANGER)
            .map("1", Emotion.DISGUST)
            .map("2", Emotion.FEAR)
            .map("3", Emotion.HAPPINESS)
            .map("4", Emotion.SADNESS)
            .map("5", Emotion.SURPRISE)
            .map("6", Emotion.NEUTRAL)
            .build();
    public static final LabelSet CLASSES = LabelSet.BASIC_7_WITH_NEUTRAL;
    /** The {@code Usage} column's values onto splits. */
    public static final Map<String, Split> USAGE = Map.of("training", Split.TRAIN, "publictest", Split.VALIDATION,
            "privatetest", Split.TEST);

    @Override
    public String name() {
        return "fer2013";
    }

    @Override
    public String description() {
        return "FER2013: pixel strings in fer2013.csv; Training → train, PublicTest → validation, PrivateTest → test; 7 classes";
    }

    @Override
    public LabelMap labelMap() {
        return LABELS;
    }

    @Override
    public String layout() {
        return "ROOT/fer2013.csv with header emotion,pixels,Usage (pixels: 2,304 space-separated grey values)";
    }

    @Override
    public Listing list(Path root, boolean strict) throws IOException {
        Path csv = Files.isRegularFile(root) ? root : csvIn(Layout.requireFolder(root, this)).orElseThrow(() ->
                new IOException(root + ": no fer2013.csv; is this the FER2013 folder? expected " + layout()));
        ListingBuilder out = new ListingBuilder(name(), strict);
        out.note("pixels from " + csv);
        try (CSVParser parser = Csv.open(csv)) {
            Map<String, Integer> col = null;
            int row = 0;
            for (CSVRecord rec : Csv.records(parser, csv)) {
                if (col == null) {
                    col = Csv.header(rec);
                    if (!Csv.has(col, "emotion") || !Csv.has(col, "pixels")) {
                        throw new IOException(csv + ": header " + rec.toList() + " lacks 'emotion' and 'pixels';"
                                + " expected " + layout());
                    }
                    if (!Csv.has(col, "usage")) {
                        out.note("no Usage column: samples have no official split");
                    }
                    continue;
                }
                row++;
                String where = csv.getFileName() + " line " + parser.getCurrentLineNumber();
                Emotion label = out.label(LABELS, CLASSES, where, Csv.get(rec, col, "emotion"));
                if (label == null) {
                    continue;
                }
                Split split = Split.UNSPECIFIED;
                if (Csv.has(col, "usage")) {
                    String usage = Csv.get(rec, col, "usage");
                    split = USAGE.get(usage.toLowerCase(Locale.ROOT));
                    if (split == null) {
                        out.problem(where, "Usage '" + usage + "' is not Training, PublicTest or PrivateTest");
                        continue;
                    }
                }
                String id = String.format(Locale.ROOT, "fer2013_%05d", row);
                ImageRef image;
                try {
                    image = pixels(id, Csv.get(rec, col, "pixels"));
                } catch (IllegalArgumentException e) {
                    out.problem(where, e.getMessage());
                    continue;
                }
                out.add(new Sample(id, image, label, null, null, split, null, null, null), where);
            }
        }
        return out.build(CLASSES);
    }

    private static Optional<Path> csvIn(Path dir) throws IOException {
        for (Path d : new Path[] {dir, Layout.folders(dir).size() == 1 ? Layout.folders(dir).get(0) : null}) {
            if (d != null) {
                Optional<Path> f = Layout.child(d, "fer2013.csv", "icml_face_data.csv").filter(Files::isRegularFile);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A square grey image from space-separated values 0..255.
     *
     * @throws IllegalArgumentException naming what is wrong with the string
     */
    static ImageRef.GreyPixels pixels(String id, String text) {
        String[] v = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        int side = (int) Math.round(Math.sqrt(v.length));
        if (v.length == 0 || side * side != v.length) {
            throw new IllegalArgumentException(v.length + " pixel values do not make a square image (FER2013's are 48×48 = 2304)");
        }
        byte[] px = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            int p;
            try {
                p = Integer.parseInt(v[i]);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0 || p > 255) {
                throw new IllegalArgumentException("pixel " + (i + 1) + " is '" + v[i] + "', expected 0..255");
            }
            px[i] = (byte) p;
        }
        return new ImageRef.GreyPixels(id, side, side, px);
    }
}
