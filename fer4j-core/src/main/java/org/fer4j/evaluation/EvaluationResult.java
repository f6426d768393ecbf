package org.fer4j.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy, per-class recall, macro-F1 and the confusion matrix of one evaluation: what the papers
 * report (Table 4, Fig. 4). Immutable; built from a {@link ConfusionMatrix}.
 *
 * @param labels    class names in order
 * @param confusion counts, rows = true class, columns = predicted class
 */
public record EvaluationResult(List<String> labels, double accuracy, double macroF1, double[] perClassRecall,
                               double[] perClassPrecision, long[][] confusion, long samples) {

    public static EvaluationResult of(List<String> labels, long[][] confusion) {
        int k = labels.size();
        double[] recall = new double[k];
        double[] precision = new double[k];
        long total = 0, correct = 0;
        double f1sum = 0;
        for (int i = 0; i < k; i++) {
            long row = 0, col = 0;
            for (int j = 0; j < k; j++) {
                row += confusion[i][j];
                col += confusion[j][i];
                total += confusion[i][j];
            }
            correct += confusion[i][i];
            recall[i] = row == 0 ? Double.NaN : (double) confusion[i][i] / row;
            precision[i] = col == 0 ? 0 : (double) confusion[i][i] / col;
            double r = Double.isNaN(recall[i]) ? 0 : recall[i];
            f1sum += (precision[i] + r) == 0 ? 0 : 2 * precision[i] * r / (precision[i] + r);
        }
        long present = java.util.Arrays.stream(recall).filter(d -> !Double.isNaN(d)).count();
        double macroF1 = present == 0 ? 0 : f1sum / Math.max(1, present);
        return new EvaluationResult(List.copyOf(labels), total == 0 ? 0 : (double) correct / total, macroF1, recall,
                precision, confusion, total);
    }

    /** A fixed-width table: per-class recall and precision, then accuracy and macro-F1, then the matrix. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(8) + 1);
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %8s %9s %7s%n", "class", "recall", "precision", "n"));
        for (int i = 0; i < labels.size(); i++) {
            long n = 0;
            for (long c : confusion[i]) {
                n += c;
            }
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %8s %9.3f %7d%n", labels.get(i),
                    Double.isNaN(perClassRecall[i]) ? "-" : String.format(Locale.ROOT, "%.3f", perClassRecall[i]),
                    perClassPrecision[i], n));
        }
        sb.append(String.format(Locale.ROOT, "accuracy %.4f   macro-F1 %.4f   samples %d%n", accuracy, macroF1, samples));
        sb.append("confusion (rows true, columns predicted)\n");
        sb.append(String.format(Locale.ROOT, "%-" + w + "s", ""));
        for (String l : labels) {
            sb.append(String.format(Locale.ROOT, " %5.5s", l));
        }
        sb.append('\n');
        for (int i = 0; i < labels.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", labels.get(i)));
            for (long c : confusion[i]) {
                sb.append(String.format(Locale.ROOT, " %5d", c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public List<Double> recallList() {
        List<Double> l = new ArrayList<>();
        for (double d : perClassRecall) {
            l.add(d);
        }
        return l;
    }
}
