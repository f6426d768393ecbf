package org.fer4j.evaluation;

import java.util.List;
import java.util.Locale;

/** Mean ± sample standard deviation over folds, as the papers report cross-validation. */
public record MeanStd(double mean, double std, int n) {
    public static MeanStd of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            return new MeanStd(Double.NaN, Double.NaN, 0);
        }
        double m = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
        return new MeanStd(m, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
    }

    /** As a percentage, e.g. {@code 87.31 ± 2.10}. */
    public String percent() {
        return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * std);
    }
}
