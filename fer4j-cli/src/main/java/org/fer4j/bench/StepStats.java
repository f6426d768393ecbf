package org.fer4j.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Per-step wall times in seconds, summarised the way {@code torch_reference.py} does (median of the
 * sorted times; p-quantile = element {@code min(n-1, floor(p·n))}) so the two sides compare exactly.
 */
public record StepStats(int count, double median, double p10, double p90, double p99, double mean) {

    public static StepStats of(List<Double> seconds) {
        if (seconds.isEmpty()) {
            throw new IllegalArgumentException("no timed steps");
        }
        double[] t = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = t.length;
        double median = n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
        return new StepStats(n, median, q(t, 0.10), q(t, 0.90), q(t, 0.99), Arrays.stream(t).average().orElse(0));
    }

    private static double q(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }
}
