package org.fer4j.evaluation;

import java.util.Arrays;

/**
 * A fresh linear softmax classifier on frozen features (L2-regularised multinomial logistic regression
 * on standardised features, fitted to convergence by L-BFGS): what a disentanglement probe fits on one
 * part of the data and scores on another. Standardisation statistics come from the fitting part only.
 * The objective is convex, so the fit does not depend on a seed or a start; it is written out here
 * (a few dozen lines) so that the core library needs no numerical-library dependency.
 */
public final class LinearProbe {
    /** L2 penalty on the summed log-likelihood (a choice: weak against ~10³ samples, so the probe reads what is linearly there, yet it converges on separable identity halves). */
    public static final double LAMBDA = 1;
    private static final int MAX_ITERATIONS = 500;
    /** Converged when an iteration lowers the objective by less than this share of it. */
    private static final double TOLERANCE = 1e-5;

    private final double[] mean;
    private final double[] scale;
    private final SoftmaxRegression model;
    private final int constant;

    private LinearProbe(double[] mean, double[] scale, SoftmaxRegression model, int constant) {
        this.mean = mean;
        this.scale = scale;
        this.model = model;
        this.constant = constant;
    }

    /**
     * Fits on {@code x}, {@code y}. A single class in {@code y}, or features that are all constant (a
     * collapsed representation), give a probe that always answers the most frequent class.
     *
     * @throws IllegalArgumentException when the part is empty or the rows disagree in length
     */
    public static LinearProbe fit(float[][] x, int[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("a probe needs as many feature rows as labels and at least one, got "
                    + x.length + " rows and " + y.length + " labels");
        }
        int d = x[0].length;
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("probe features differ in length: " + row.length + " vs " + d);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
                sq[j] += (double) row[j] * row[j];
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
            double var = sq[j] / x.length - mean[j] * mean[j];
            scale[j] = var > 1e-12 ? 1 / Math.sqrt(var) : 0; // a constant feature carries nothing
        }
        if (Arrays.stream(y).distinct().count() < 2 || Arrays.stream(scale).allMatch(v -> v == 0)) {
            return new LinearProbe(mean, scale, null, majority(y)); // nothing to read: the majority class
        }
        double[][] z = standardise(x, mean, scale);
        return new LinearProbe(mean, scale, SoftmaxRegression.fit(z, y, LAMBDA, TOLERANCE, MAX_ITERATIONS), -1);
    }

    /** Predicted class of each row. */
    public int[] predict(float[][] x) {
        int[] out = new int[x.length];
        double[][] z = standardise(x, mean, scale);
        for (int i = 0; i < x.length; i++) {
            out[i] = model == null ? constant : model.predict(z[i]);
        }
        return out;
    }

    /** Share of rows predicted as their label; NaN for no rows. */
    public double accuracy(float[][] x, int[] y) {
        if (x.length == 0) {
            return Double.NaN;
        }
        int[] p = predict(x);
        int hit = 0;
        for (int i = 0; i < y.length; i++) {
            hit += p[i] == y[i] ? 1 : 0;
        }
        return (double) hit / y.length;
    }

    /**
     * The classifier's weight rows mapped back to the raw (unstandardised) feature space, one per class:
     * w·((x − μ)/σ) = (w/σ)·x − const, so row k is w_k/σ. None where the probe answers a constant class.
     */
    double[][] rawWeightRows() {
        if (model == null) {
            return new double[0][];
        }
        double[][] rows = model.weightRows();
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= scale[j];
            }
        }
        return rows;
    }

    /** The most frequent value (the smallest among ties is not guaranteed; the first reaching the count wins). */
    static int majority(int[] y) {
        java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
        int best = y[0];
        for (int v : y) {
            if (counts.merge(v, 1, Integer::sum) > counts.get(best)) {
                best = v;
            }
        }
        return best;
    }

    private static double[][] standardise(float[][] x, double[] mean, double[] scale) {
        double[][] z = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                z[i][j] = (x[i][j] - mean[j]) * scale[j];
            }
        }
        return z;
    }
}
