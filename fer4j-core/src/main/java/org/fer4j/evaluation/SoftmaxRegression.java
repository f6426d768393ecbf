package org.fer4j.evaluation;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Multinomial logistic regression: minimises −Σᵢ log softmax(W xᵢ + b)_{yᵢ} + λ/2 ‖W‖² (the bias is not
 * penalised) with L-BFGS (10 pairs, backtracking Armijo line search). Classes are 0..K−1 with K the
 * largest label + 1; a class absent from the fitting part is never predicted.
 */
final class SoftmaxRegression {
    private static final int HISTORY = 10;
    private final int classes;
    private final int dims;
    /** Row k: the d weights of class k, then its bias. */
    private final double[] w;

    private SoftmaxRegression(int classes, int dims, double[] w) {
        this.classes = classes;
        this.dims = dims;
        this.w = w;
    }

    static SoftmaxRegression fit(double[][] x, int[] y, double lambda, double tolerance, int maxIterations) {
        int k = Arrays.stream(y).max().orElse(0) + 1;
        int d = x[0].length;
        Objective f = new Objective(x, y, k, d, lambda);
        double[] w = new double[k * (d + 1)];
        double[] g = new double[w.length];
        double fx = f.valueAndGradient(w, g);
        Deque<double[][]> pairs = new ArrayDeque<>();
        double[] wNew = new double[w.length];
        double[] gNew = new double[w.length];
        for (int it = 0; it < maxIterations; it++) {
            double[] p = direction(g, pairs);
            double slope = dot(p, g);
            if (slope >= 0) { // not a descent direction: restart from the gradient
                pairs.clear();
                p = scaled(g, -1);
                slope = dot(p, g);
            }
            double step = pairs.isEmpty() ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
            double fNew;
            while (true) {
                for (int i = 0; i < w.length; i++) {
                    wNew[i] = w[i] + step * p[i];
                }
                fNew = f.valueAndGradient(wNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope || step < 1e-12) {
                    break;
                }
                step *= 0.5;
            }
            double[] s = new double[w.length];
            double[] yv = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = wNew[i] - w[i];
                yv[i] = gNew[i] - g[i];
            }
            if (dot(s, yv) > 1e-10) {
                pairs.addLast(new double[][] {s, yv});
                if (pairs.size() > HISTORY) {
                    pairs.removeFirst();
                }
            }
            double decrease = fx - fNew;
            System.arraycopy(wNew, 0, w, 0, w.length);
            System.arraycopy(gNew, 0, g, 0, g.length);
            fx = fNew;
            if (decrease <= tolerance * Math.max(1, Math.abs(fNew)) || step < 1e-12) {
                break;
            }
        }
        return new SoftmaxRegression(k, d, w);
    }

    /** The d weights of each class (biases left out), one row per class. */
    double[][] weightRows() {
        double[][] out = new double[classes][];
        for (int c = 0; c < classes; c++) {
            out[c] = Arrays.copyOfRange(w, c * (dims + 1), c * (dims + 1) + dims);
        }
        return out;
    }

    int predict(double[] x) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double score = score(w, c, dims, x);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    private static double score(double[] w, int c, int d, double[] x) {
        int o = c * (d + 1);
        double s = w[o + d];
        for (int j = 0; j < d; j++) {
            s += w[o + j] * x[j];
        }
        return s;
    }

    /** The two-loop recursion: −H g with H the L-BFGS inverse-Hessian estimate. */
    private static double[] direction(double[] g, Deque<double[][]> pairs) {
        double[] q = g.clone();
        double[] alpha = new double[pairs.size()];
        double[][][] list = pairs.toArray(new double[0][][]);
        for (int i = list.length - 1; i >= 0; i--) {
            double rho = 1 / dot(list[i][1], list[i][0]);
            alpha[i] = rho * dot(list[i][0], q);
            axpy(-alpha[i], list[i][1], q);
        }
        if (list.length > 0) {
            double[][] last = list[list.length - 1];
            double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        for (int i = 0; i < list.length; i++) {
            double rho = 1 / dot(list[i][1], list[i][0]);
            double beta = rho * dot(list[i][1], q);
            axpy(alpha[i] - beta, list[i][0], q);
        }
        return scaled(q, -1);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] scaled(double[] v, double a) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = a * v[i];
        }
        return out;
    }

    /** The penalised negative log-likelihood and its gradient. */
    private record Objective(double[][] x, int[] y, int k, int d, double lambda) {
        double valueAndGradient(double[] w, double[] g) {
            Arrays.fill(g, 0);
            double f = 0;
            double[] z = new double[k];
            for (int i = 0; i < x.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    z[c] = score(w, c, d, x[i]);
                    max = Math.max(max, z[c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    z[c] = Math.exp(z[c] - max);
                    sum += z[c];
                }
                f -= Math.log(z[y[i]] / sum);
                for (int c = 0; c < k; c++) {
                    double r = z[c] / sum - (c == y[i] ? 1 : 0);
                    if (r == 0) {
                        continue;
                    }
                    int o = c * (d + 1);
                    for (int j = 0; j < d; j++) {
                        g[o + j] += r * x[i][j];
                    }
                    g[o + d] += r;
                }
            }
            for (int c = 0; c < k; c++) {
                int o = c * (d + 1);
                for (int j = 0; j < d; j++) {
                    f += 0.5 * lambda * w[o + j] * w[o + j];
                    g[o + j] += lambda * w[o + j];
                }
            }
            return f;
        }
    }
}
