package org.fer4j.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.runs.EpochRecord;
import org.fer4j.runs.PaceRecord;
import org.fer4j.runs.RunLog;

/**
 * Writes a small recorded run folder in the formats training writes (config.json, folds.json,
 * metrics.jsonl, spl.jsonl, fold-K/eval.json, predictions.csv, features/, thumbnails/, and for the
 * adversarial model probes.json and reconstructions/) with numbers chosen by hand, so report tests are
 * fast and can check exact values.
 */
public final class RunFolderFixture {
    public static final List<String> LABELS = List.of("anger", "happiness", "surprise");
    /** Fold 0: accuracy 25/30, recall .8 .9 .8, macro-F1 .8333. */
    public static final long[][] FOLD0 = {{8, 1, 1}, {0, 9, 1}, {2, 0, 8}};
    /** Fold 1: accuracy 24/30, recall .4 1 1, macro-F1 .7802. */
    public static final long[][] FOLD1 = {{4, 6, 0}, {0, 10, 0}, {0, 0, 10}};
    /** Per fold, per epoch: pace (1 warm-up epoch, then paces 1, 2, 2, 3) and test accuracy at pace ends. */
    public static final int[] PACE_OF_EPOCH = {0, 1, 2, 2, 3};
    public static final double[][] TEST_ACC = {{0.5, 0.6, Double.NaN, 0.7, 25.0 / 30}, {0.4, 0.5, Double.NaN, 0.6, 0.8}};
    public static final double[][] LOSS = {{1.2, 1.0, 1.1, 0.9, 0.95}, {1.3, 1.1, 1.0, 0.8, 0.85}};
    /** Excluded sample ids of fold 0 per pace 1..3 (pace 3 admits everyone). */
    public static final List<List<String>> EXCLUDED = List.of(List.of("S1_anger_0", "S1_happiness_0", "S2_surprise_1"),
            List.of("S1_anger_0"), List.of());

    private RunFolderFixture() {
    }

    /** A two-fold SPNDL run with self-paced learning. */
    public static Path spndl(Path dir) throws IOException {
        return write(dir, "NDF + SPL (SPNDL)", "SPNDL", true, FOLD0, FOLD1);
    }

    /** A two-fold run without SPL (no paces, no spl.jsonl). */
    public static Path baseline(Path dir, long[][] f0, long[][] f1) throws IOException {
        return write(dir, "baseline", "BASELINE", false, f0, f1);
    }

    public static Path write(Path dir, String variant, String kind, boolean spl, long[][] f0, long[][] f1) throws IOException {
        RunLog log = new RunLog(dir);
        log.writeJson(RunLog.CONFIG, config(variant, kind, spl));
        log.writeJson(RunLog.FOLDS, List.of(
                Map.of("index", 0, "train", List.of("S3", "S4", "S5"), "validation", List.of("S6"), "test", List.of("S1", "S2")),
                Map.of("index", 1, "train", List.of("S1", "S2", "S5"), "validation", List.of("S6"), "test", List.of("S3", "S4"))));
        long[][][] folds = {f0, f1};
        for (int fold = 0; fold < 2; fold++) {
            for (int e = 0; e < PACE_OF_EPOCH.length; e++) {
                Map<String, Double> losses = kind.equals("ADVERSARIAL")
                        ? Map.of("loss", LOSS[fold][e], "cls", LOSS[fold][e] * 0.6, "adv", LOSS[fold][e] * 0.4)
                        : Map.of("loss", LOSS[fold][e]);
                boolean paceEnd = spl ? !Double.isNaN(TEST_ACC[fold][e]) : e == PACE_OF_EPOCH.length - 1;
                log.append(new EpochRecord(fold, e + 1, spl ? PACE_OF_EPOCH[e] : 0, LOSS[fold][e], 0.5 + 0.1 * e, 40,
                        losses, 0.55, paceEnd ? TEST_ACC[fold][e] : null, 2.0));
            }
            if (spl) {
                for (int p = 1; p <= 3; p++) {
                    List<String> excluded = fold == 0 ? EXCLUDED.get(p - 1) : List.of();
                    Map<String, Integer> admitted = new LinkedHashMap<>();
                    for (String l : LABELS) {
                        admitted.put(l, 14 - (int) excluded.stream().filter(id -> id.contains("_" + l + "_")).count());
                    }
                    log.append(new PaceRecord(fold, p, p == 3 ? 1.0 : 0.5 + 0.25 * (p - 1),
                            Map.of("anger", 1.0, "happiness", 1.1, "surprise", 0.9), admitted, 42 - excluded.size(),
                            excluded, TEST_ACC[fold][p == 1 ? 1 : p == 2 ? 3 : 4]));
                }
            }
            EvaluationResult r = EvaluationResult.of(LABELS, folds[fold]);
            log.writeJson(log.foldDir(fold).resolve(RunLog.EVAL), r);
            Files.writeString(log.foldDir(fold).resolve(RunLog.PREDICTIONS), predictions(folds[fold], fold));
        }
        // As CrossValidation writes it.
        double a0 = EvaluationResult.of(LABELS, f0).accuracy();
        double a1 = EvaluationResult.of(LABELS, f1).accuracy();
        log.writeJson(RunLog.RESULTS, Map.of("variant", variant, "accuracy_mean", (a0 + a1) / 2,
                "accuracy_std", Math.abs(a0 - a1) / Math.sqrt(2), "macro_f1_mean", 0.5, "macro_f1_std", 0.0,
                "fold_accuracy", List.of(a0, a1), "seconds", 20.0));
        boolean adversarial = kind.equals("ADVERSARIAL");
        for (String tag : spl ? List.of("pace-0", "pace-1", "pace-2", "pace-3", "final") : List.of("pace-0", "final")) {
            Files.createDirectories(dir.resolve("features"));
            Files.writeString(dir.resolve("features").resolve("fold-0-" + tag + ".csv"), features(adversarial, tag.hashCode()));
        }
        Path thumbs = Files.createDirectories(dir.resolve("thumbnails"));
        if (spl) {
            for (int p = 1; p <= 3; p++) {
                for (String id : EXCLUDED.get(p - 1)) {
                    png(thumbs.resolve("fold-0-pace-" + p + "-excluded-" + id + ".png"), new Color(200, 40 * p, 40));
                }
            }
        }
        // The most confident mistake of fold 0 (see predictions()): an anger sample predicted as surprise.
        png(thumbs.resolve("fold-0-mistake-01-S2_anger_9-anger-as-surprise.png"), new Color(30, 160, 90));
        if (adversarial) {
            log.writeJson(log.foldDir(0).resolve(RunLog.PROBES), Map.of("z_n_expression", 0.36, "z_e_expression", 0.9,
                    "z_e_identity", 0.2, "z_n_identity", 0.7, "chance_expression", 1.0 / 3, "chance_identity", 0.25));
            log.writeJson(log.foldDir(1).resolve(RunLog.PROBES), Map.of("z_n_expression", 0.30, "z_e_expression", 0.8,
                    "z_e_identity", 0.3, "z_n_identity", 0.6, "chance_expression", 1.0 / 3, "chance_identity", 0.25));
            Path rec = Files.createDirectories(dir.resolve(RunLog.RECONSTRUCTIONS));
            png(rec.resolve("fold-0-S1_anger_0-input.png"), new Color(220, 180, 150));
            png(rec.resolve("fold-0-S1_anger_0-reconstruction.png"), new Color(200, 170, 140));
        }
        return dir;
    }

    /** A run of the adversarial model (β1 = 0.5): probes, reconstructions, z_e and z_n feature columns. */
    public static Path adversarial(Path dir) throws IOException {
        return write(dir, "adversarial (β1 0.5)", "ADVERSARIAL", false, FOLD0, FOLD1);
    }

    private static Map<String, Object> config(String variant, String kind, boolean spl) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "cv");
        c.put("variant", variant);
        c.put("seed", 7);
        c.put("model", Map.of("kind", kind, "width", 0.125,
                "preprocessing", Map.of("size", 48, "channels", 3),
                "labels", Map.of("classes", LABELS.stream().map(l -> l.toUpperCase(Locale.ROOT)).toList()),
                "options", Map.of("adv.beta1", kind.equals("ADVERSARIAL") ? "0.5" : "0.0")));
        c.put("train", Map.of("epochs", 5, "batchSize", 16, "learningRate", 0.001));
        c.put("self_paced", spl ? Map.of("enabled", true, "schedule", List.of(0.5, 0.75, 1.0), "warmupEpochs", 1)
                : Map.of("enabled", false, "schedule", List.of(), "warmupEpochs", 0));
        c.put("dataset", Map.of("name", "fixture", "samples", 120, "subjects", 6));
        c.put("folds", 2);
        c.put("fold_samples", List.of(
                Map.of("fold", 0, "train", perClass(14), "validation", perClass(3), "test", perClass(10)),
                Map.of("fold", 1, "train", perClass(14), "validation", perClass(3), "test", perClass(10))));
        c.put("versions", Map.of("fer4j", "9.9.9-fixture", "djl", "0.32.0", "pytorch", "2.5.1", "java", "17"));
        return c;
    }

    private static Map<String, Integer> perClass(int n) {
        Map<String, Integer> m = new LinkedHashMap<>();
        LABELS.forEach(l -> m.put(l, n));
        return m;
    }

    /**
     * One line per test sample matching the confusion counts. Confidence is 0.5 except for three
     * mistakes: S2_anger_9 (anger as surprise, 0.95), S1_anger_8 (anger as happiness, 0.9),
     * S2_surprise_7 (surprise as anger, 0.7).
     */
    public static String predictions(long[][] confusion, int fold) {
        StringBuilder b = new StringBuilder("id,subject,label,predicted,confidence,p_anger,p_happiness,p_surprise\n");
        int n = 0;
        for (int i = 0; i < LABELS.size(); i++) {
            for (int j = 0; j < LABELS.size(); j++) {
                for (long c = 0; c < confusion[i][j]; c++) {
                    String id = "F" + fold + "_" + (n++);
                    double conf = 0.5;
                    if (fold == 0 && i == 0 && j == 2 && c == 0) {
                        id = "S2_anger_9";
                        conf = 0.95;
                    } else if (fold == 0 && i == 0 && j == 1) {
                        id = "S1_anger_8";
                        conf = 0.9;
                    } else if (fold == 0 && i == 2 && j == 0 && c == 0) {
                        id = "S2_surprise_7";
                        conf = 0.7;
                    }
                    b.append(String.format(Locale.ROOT, "%s,S%d,%s,%s,%.5f,0.1,0.1,0.1%n", id, 1 + (n % 2), LABELS.get(i),
                            LABELS.get(j), conf));
                }
            }
        }
        return b.toString();
    }

    /** 15 test samples per class in well-separated Gaussian clusters (8-d; z_e and z_n for the adversarial model). */
    public static String features(boolean adversarial, long seed) {
        Random rng = new Random(seed);
        StringBuilder b = new StringBuilder("id,label");
        List<String> cols = new ArrayList<>();
        for (int j = 0; j < 8; j++) {
            cols.add(adversarial ? "ze" + j : "f" + j);
        }
        if (adversarial) {
            for (int j = 0; j < 8; j++) {
                cols.add("zn" + j);
            }
        }
        cols.forEach(c -> b.append(',').append(c));
        b.append('\n');
        for (int k = 0; k < LABELS.size(); k++) {
            for (int i = 0; i < 15; i++) {
                b.append("S").append(i % 3).append('_').append(LABELS.get(k)).append('_').append(i).append(',').append(LABELS.get(k));
                for (int j = 0; j < cols.size(); j++) {
                    double centre = j % LABELS.size() == k ? 6 : 0;
                    b.append(',').append((float) (centre + rng.nextGaussian()));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    static void png(Path file, Color c) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, (x + y) % 4 == 0 ? 0xFFFFFF : c.getRGB());
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
