package org.fer4j.report;

import org.fer4j.models.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * Fig. 7: a 2-D t-SNE (Smile's {@link TSNE}) of the test-set features a run recorded
 * ({@code features/fold-K-pace-P.csv}: {@code id,label,f0,f1,…}). Columns whose names share a
 * prefix form one feature group ({@code f…} the NDF or pooled features; {@code ze…}/{@code zn…} the
 * adversarial model's z_e and z_n), and each group is embedded on its own. Kept cheap: at most
 * {@code maxPoints} samples (a seeded draw) and a bounded number of iterations.
 */
final class FeatureEmbedding {

    /** One group's embedding: a class label and 2-D coordinates per embedded sample. */
    record Embedding(String group, List<String> labels, double[][] coordinates, int available) {
    }

    private FeatureEmbedding() {
    }

    static List<Embedding> of(Path csv, Set<String> classes, ReportOptions options) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.size() < 2) {
            throw new IllegalArgumentException(csv.getFileName() + " holds no samples");
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length < 3 || !header[0].equals("id") || !header[1].equals("label")) {
            throw new IllegalArgumentException(csv.getFileName() + ": expected a header id,label,f0,…");
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int c = 2; c < header.length; c++) {
            groups.computeIfAbsent(groupOf(header[c]), g -> new ArrayList<>()).add(c);
        }
        List<String> labels = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(csv.getFileName() + ": a line has " + cells.length
                        + " values, the header " + header.length);
            }
            if (classes.isEmpty() || classes.contains(cells[1])) {
                labels.add(cells[1]);
                rows.add(cells);
            }
        }
        int available = rows.size();
        List<Integer> keep = sample(available, options.tsneMaxPoints(), options.seed());
        if (keep.size() < 5) {
            throw new IllegalArgumentException(csv.getFileName() + ": only " + keep.size()
                    + " samples of the chosen classes; t-SNE needs at least 5");
        }
        List<String> keptLabels = keep.stream().map(labels::get).toList();
        List<Embedding> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            double[][] x = new double[keep.size()][g.getValue().size()];
            for (int i = 0; i < keep.size(); i++) {
                String[] cells = rows.get(keep.get(i));
                for (int j = 0; j < g.getValue().size(); j++) {
                    x[i][j] = Double.parseDouble(cells[g.getValue().get(j)]);
                }
            }
            out.add(new Embedding(g.getKey(), keptLabels, tsne(x, options), available));
        }
        return out;
    }

    /** t-SNE on the squared Euclidean distance matrix (so n = d never makes Smile read raw data as distances). */
    static double[][] tsne(double[][] x, ReportOptions options) {
        int n = x.length;
        double[][] d = new double[n][n];
        MathEx.pdist(x, d, MathEx::squaredDistance);
        double perplexity = Math.max(2, Math.min(30, (n - 1) / 3.0));
        MathEx.setSeed(options.seed());
        TSNE t = new TSNE(d, 2, perplexity, 200, options.tsneIterations());
        return t.coordinates;
    }

    /** {@code f12} → {@code f}, {@code ze_3} → {@code ze}. */
    static String groupOf(String column) {
        String g = column.replaceAll("_?\\d+$", "");
        return g.isEmpty() ? column : g;
    }

    /** What a group is called in the paper's terms. */
    static String describe(String group, String modelKind) {
        return switch (group) {
            case "ze", "z_e" -> "z_e (expression)";
            case "zn", "z_n" -> "z_n (non-expression)";
            case "f" -> featureName(modelKind);
            default -> group;
        };
    }

    /** The recorded kind's feature name from the model registry; "features" for an unknown or missing kind. */
    private static String featureName(String modelKind) {
        try {
            return modelKind == null ? "features" : ModelKind.parse(modelKind).definition().featureName();
        } catch (IllegalArgumentException unknown) {
            return "features";
        }
    }

    private static List<Integer> sample(int n, int max, long seed) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        if (n <= max) {
            return all;
        }
        java.util.Collections.shuffle(all, new Random(seed));
        List<Integer> kept = new ArrayList<>(all.subList(0, max));
        java.util.Collections.sort(kept);
        return kept;
    }
}
