package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelMap;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * Anyone's own images sorted into one folder per expression ({@code ROOT/happy/x.jpg}), optionally
 * under split folders ({@code ROOT/train/happy/x.jpg}, as Kaggle's FER2013 images ship). Folder names are
 * canonical names or their common adjectives; the classes are the ones present. No subjects, no neutral
 * references.
 */
public final class ImageFolder implements DatasetAdapter {
    /** Expression names accepted in folder names and manifests: canonical names and common adjectives. */
    public static final LabelMap NAMES = LabelMap.builder("folder and manifest names").ignoreCase()
            .map("neutral", Emotion.NEUTRAL)
            .map("anger", Emotion.ANGER)
            .map("angry", Emotion.ANGER)
            .map("contempt", Emotion.CONTEMPT)
            .map("disgust", Emotion.DISGUST)
            .map("disgusted", Emotion.DISGUST)
            .map("fear", Emotion.FEAR)
            .map("fearful", Emotion.FEAR)
            .map("happiness", Emotion.HAPPINESS)
            .map("happy", Emotion.HAPPINESS)
            .map("sadness", Emotion.SADNESS)
            .map("sad", Emotion.SADNESS)
            .map("surprise", Emotion.SURPRISE)
            .map("surprised", Emotion.SURPRISE)
            .build();
    /** Split folder names. */
    public static final Map<String, Split> SPLITS = Map.of("train", Split.TRAIN, "training", Split.TRAIN,
            "val", Split.VALIDATION, "valid", Split.VALIDATION, "validation", Split.VALIDATION,
            "test", Split.TEST, "testing", Split.TEST);

    @Override
    public String name() {
        return "folder";
    }

    @Override
    public String description() {
        return "image folder: one folder per expression (optionally under train/ val/ test/); classes as present";
    }

    @Override
    public LabelMap labelMap() {
        return NAMES;
    }

    @Override
    public String layout() {
        return "ROOT/<label>/<name>.<png|jpg|bmp|tif> or ROOT/<train|val|test>/<label>/<name>.<ext>";
    }

    @Override
    public Listing list(Path root, boolean strict) throws IOException {
        Layout.requireFolder(root, this);
        ListingBuilder out = new ListingBuilder(name(), strict);
        List<Path> top = Layout.folders(root);
        if (top.isEmpty()) {
            throw new IOException(root + ": no label folders; expected " + layout());
        }
        boolean split = top.stream().allMatch(p -> SPLITS.containsKey(lower(p)));
        if (split) {
            out.note("split folders " + top.stream().map(p -> p.getFileName().toString()).toList());
            for (Path s : top) {
                for (Path labelDir : Layout.folders(s)) {
                    listLabel(root, labelDir, SPLITS.get(lower(s)), out);
                }
            }
        } else {
            for (Path labelDir : top) {
                listLabel(root, labelDir, Split.UNSPECIFIED, out);
            }
        }
        return out.buildPresentClasses();
    }

    private static String lower(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static void listLabel(Path root, Path labelDir, Split split, ListingBuilder out) throws IOException {
        Emotion label = out.label(NAMES, null, labelDir, labelDir.getFileName().toString());
        if (label == null) {
            return;
        }
        for (Path nested : Layout.folders(labelDir)) {
            out.exclude(nested, "nested folder not read (the layout is ROOT/<label>/<image>)");
        }
        for (Path img : Layout.images(labelDir, out)) {
            String id = root.relativize(img).toString().replace('\\', '/').replaceAll("\\.[^./]+$", "");
            out.add(new Sample(id, ImageRef.of(img), label, null, null, split, null, null, null), img);
        }
    }
}
