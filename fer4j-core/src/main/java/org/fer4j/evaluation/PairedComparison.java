package org.fer4j.evaluation;

/**
 * Whether one method beats another on the same folds: the mean paired difference of their per-fold
 * accuracies with a 95 % confidence interval and a two-sided p-value by the corrected resampled t-test
 * (Nadeau &amp; Bengio, 2003). The folds of repeated cross-validation share training subjects, so
 * their differences are correlated and the plain t-test's variance s²/n is far too small; the
 * correction uses (1/n + n_test/n_train)·s². With 5 folds a 2-point difference is often not
 * significant, which a table of means ± std does not show.
 *
 * @param row           the method compared
 * @param against       the method it is compared with (the baseline)
 * @param n             paired folds (repeats × folds)
 * @param meanDifference mean of row − against over the folds (accuracy, 0–1)
 * @param low           lower end of the 95 % interval
 * @param high          upper end
 * @param p             two-sided p-value (1 for no difference, 0 for a constant non-zero one)
 * @param testTrainRatio n_test / n_train, averaged over folds
 */
public record PairedComparison(String row, String against, int n, double meanDifference, double low, double high,
                               double p, double testTrainRatio) {

    public PairedComparison {
        if (n < 2 || !(testTrainRatio >= 0)) {
            throw new IllegalArgumentException("a paired comparison needs at least 2 folds and a test/train ratio >= 0,"
                    + " got " + n + " and " + testTrainRatio);
        }
    }

    /**
     * @param a              per-fold accuracies of {@code row}
     * @param b              per-fold accuracies of {@code against}, on the same folds in the same order
     * @param testTrainRatio n_test / n_train of the folds
     */
    public static PairedComparison of(String row, String against, double[] a, double[] b, double testTrainRatio) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(row + " has " + a.length + " folds, " + against + " " + b.length
                    + ": a paired comparison needs the same folds");
        }
        int n = a.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += a[i] - b[i];
        }
        mean /= Math.max(1, n);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i] - mean;
            ss += d * d;
        }
        double variance = n > 1 ? ss / (n - 1) : 0;
        double se = Math.sqrt((1.0 / n + testTrainRatio) * variance);
        int df = n - 1;
        if (se == 0) {
            return new PairedComparison(row, against, n, mean, mean, mean, mean == 0 ? 1 : 0, testTrainRatio);
        }
        double t = mean / se;
        double p = 2 * (1 - studentCdf(Math.abs(t), df));
        double q = studentQuantile(0.975, df);
        return new PairedComparison(row, against, n, mean, mean - q * se, mean + q * se, Math.min(1, p), testTrainRatio);
    }

    /** P(T ≤ t) for Student's t with {@code df} degrees of freedom. */
    public static double studentCdf(double t, int df) {
        double x = df / (df + t * t);
        double tail = 0.5 * regularizedBeta(x, df / 2.0, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The {@code p}-quantile of Student's t, by bisection on the distribution function. */
    public static double studentQuantile(double p, int df) {
        double lo = -1e3, hi = 1e3;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (studentCdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** I_x(a, b), the regularized incomplete beta function, by its continued fraction (Lentz's method). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a);
        }
        double lnFront = a * Math.log(x) + b * Math.log(1 - x) - Math.log(a) - logBeta(a, b);
        double tiny = 1e-300;
        double f = 1, c = 1, d = 0;
        for (int i = 0; i <= 400; i++) {
            int m = i / 2;
            double num;
            if (i == 0) {
                num = 1;
            } else if (i % 2 == 0) {
                num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            } else {
                num = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
            }
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            d = 1 / d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double cd = c * d;
            f *= cd;
            if (Math.abs(1 - cd) < 1e-14) {
                break;
            }
        }
        return Math.exp(lnFront) * (f - 1);
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** Lanczos approximation (g = 7, 9 terms), accurate to ~1e-15 for the half-integers used here. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        x -= 1;
        double s = g[0];
        for (int i = 1; i < 9; i++) {
            s += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
