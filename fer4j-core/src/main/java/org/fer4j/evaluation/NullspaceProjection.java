package org.fer4j.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Iterative nullspace projection (INLP, Ravfogel et al., ACL 2020): removes what a linear classifier can
 * read of a label from frozen features, as the non-adversarial reference for the adversarial model's z_n
 * (how far linear removal alone gets, and what it costs). Each iteration fits a fresh {@link LinearProbe}
 * on the projected fitting part, maps its class weight rows back into the <em>raw</em> feature space
 * (the probe standardises internally; see {@link LinearProbe#rawWeightRows}), orthonormalises them against
 * the directions already removed (Gram–Schmidt) and projects them out. The projection is orthogonal in the
 * raw space, P = I − Σ uᵢuᵢᵀ over the orthonormal removed directions uᵢ, so it moves each feature
 * vector as little as possible.
 * <p>
 * Stop rule, checked before each removal: a probe fitted on one half of the (projected) fitting part and
 * scored on the other half is within {@link Options#margin()} of that half's majority share (nothing
 * linearly readable left), or {@link Options#maxIterations()} removals were made, or the classifier
 * offers no direction not already removed. The halves are drawn once from {@link Options#seed()}, so
 * the same inputs give the same projection. Immutable once fitted.
 */
public final class NullspaceProjection {
    /** A weight row whose part orthogonal to the removed directions is below this share of its length is dependent. */
    static final double DEPENDENCE_TOLERANCE = 1e-6;

    /**
     * @param maxIterations most classifier fits whose directions are removed (1 or more)
     * @param margin        stop once the held-out accuracy is at most this far above the majority share
     *                      (a share: 0.01 is one point)
     * @param seed          fixes the fitting part's split into the two halves of the stop rule
     */
    public record Options(int maxIterations, double margin, long seed) {
        public static final int DEFAULT_MAX_ITERATIONS = 20;
        public static final double DEFAULT_MARGIN = 0.01;

        public Options {
            if (maxIterations < 1 || maxIterations > 10_000) {
                throw new IllegalArgumentException("INLP maxIterations must be in [1, 10000], got " + maxIterations);
            }
            if (!(margin >= 0 && margin < 1)) {
                throw new IllegalArgumentException("INLP margin must be in [0, 1), got " + margin);
            }
        }

        /** 20 iterations, one point above the majority share. */
        public static Options defaults(long seed) {
            return new Options(DEFAULT_MAX_ITERATIONS, DEFAULT_MARGIN, seed);
        }
    }

    private final int dims;
    /** Orthonormal removed directions, in the order removed. */
    private final double[][] directions;
    private final List<Double> heldOutAccuracies;
    private final double heldOutChance;

    private NullspaceProjection(int dims, double[][] directions, List<Double> heldOutAccuracies, double heldOutChance) {
        this.dims = dims;
        this.directions = directions;
        this.heldOutAccuracies = Collections.unmodifiableList(heldOutAccuracies);
        this.heldOutChance = heldOutChance;
    }

    /**
     * Fits on features {@code x} and labels {@code y} (at least four rows, so each half has two).
     *
     * @throws IllegalArgumentException when rows and labels disagree, rows differ in length, or fewer than four rows
     */
    public static NullspaceProjection fit(float[][] x, int[] y, Options options) {
        if (x.length != y.length || x.length < 4) {
            throw new IllegalArgumentException("INLP needs as many feature rows as labels and at least four, got "
                    + x.length + " rows and " + y.length + " labels");
        }
        int d = x[0].length;
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("INLP features differ in length: " + row.length + " vs " + d);
            }
        }
        int[] order = new int[x.length];
        Arrays.setAll(order, i -> i);
        Random rng = new Random(options.seed() ^ 0x1A1B7L);
        for (int i = order.length - 1; i > 0; i--) { // Fisher–Yates, so the split is fixed by the seed alone
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] halfA = Arrays.copyOfRange(order, 0, order.length / 2);
        int[] halfB = Arrays.copyOfRange(order, order.length / 2, order.length);
        Arrays.sort(halfA);
        Arrays.sort(halfB);
        int[] yA = Arrays.stream(halfA).map(i -> y[i]).toArray();
        int[] yB = Arrays.stream(halfB).map(i -> y[i]).toArray();
        double chance = DisentanglementProbes.majorityShare(yB);

        List<double[]> removed = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        float[][] projected = copy(x);
        for (int it = 0; it < options.maxIterations() && removed.size() < d; it++) {
            float[][] a = rows(projected, halfA);
            float[][] b = rows(projected, halfB);
            double acc = LinearProbe.fit(a, yA).accuracy(b, yB);
            accuracies.add(acc);
            if (acc <= chance + options.margin()) {
                break;
            }
            int before = removed.size();
            for (double[] w : LinearProbe.fit(projected, y).rawWeightRows()) {
                double[] u = orthogonalised(w, removed);
                double norm = Math.sqrt(dot(u, u));
                if (norm > DEPENDENCE_TOLERANCE * Math.sqrt(dot(w, w)) && norm > 0 && removed.size() < d) {
                    for (int j = 0; j < d; j++) {
                        u[j] /= norm;
                    }
                    removed.add(u);
                }
            }
            if (removed.size() == before) {
                break; // the classifier reads only directions already removed
            }
            projected = project(x, removed);
        }
        return new NullspaceProjection(d, removed.toArray(double[][]::new), new ArrayList<>(accuracies), chance);
    }

    /** Projected copies of {@code x}: each row minus its components along the removed directions. */
    public float[][] apply(float[][] x) {
        for (float[] row : x) {
            if (row.length != dims) {
                throw new IllegalArgumentException("INLP was fitted on " + dims + " features, got a row of " + row.length);
            }
        }
        return project(x, Arrays.asList(directions));
    }

    /** Directions removed: the rank of I − P. */
    public int removedRank() {
        return directions.length;
    }

    /** Feature dimension it was fitted on. */
    public int dims() {
        return dims;
    }

    /** The orthonormal removed directions (copies), one per row, in the order removed. */
    public double[][] directions() {
        return Arrays.stream(directions).map(double[]::clone).toArray(double[][]::new);
    }

    /**
     * Held-out accuracy before each iteration's removal (the first: on the raw features), ending with the
     * one that stopped it where the stop rule, not the iteration limit, ended the fit.
     */
    public List<Double> heldOutAccuracies() {
        return heldOutAccuracies;
    }

    /** Majority share of the stop rule's scored half: what the held-out accuracies are compared with. */
    public double heldOutChance() {
        return heldOutChance;
    }

    /** The projection matrix P = I − Σ uᵢuᵢᵀ (d × d, symmetric, P·P = P). */
    public double[][] matrix() {
        double[][] p = new double[dims][dims];
        for (int i = 0; i < dims; i++) {
            p[i][i] = 1;
        }
        for (double[] u : directions) {
            for (int i = 0; i < dims; i++) {
                for (int j = 0; j < dims; j++) {
                    p[i][j] -= u[i] * u[j];
                }
            }
        }
        return p;
    }

    private static float[][] project(float[][] x, List<double[]> removed) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] v = new double[x[i].length];
            for (int j = 0; j < v.length; j++) {
                v[j] = x[i][j];
            }
            // Modified Gram–Schmidt order: each component taken from the already reduced vector.
            for (double[] u : removed) {
                double c = dot(u, v);
                for (int j = 0; j < v.length; j++) {
                    v[j] -= c * u[j];
                }
            }
            out[i] = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                out[i][j] = (float) v[j];
            }
        }
        return out;
    }

    /** {@code w} minus its components along the (orthonormal) {@code basis}, twice for numerical safety. */
    private static double[] orthogonalised(double[] w, List<double[]> basis) {
        double[] u = w.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] b : basis) {
                double c = dot(b, u);
                for (int j = 0; j < u.length; j++) {
                    u[j] -= c * b[j];
                }
            }
        }
        return u;
    }

    private static float[][] copy(float[][] x) {
        return Arrays.stream(x).map(float[]::clone).toArray(float[][]::new);
    }

    private static float[][] rows(float[][] x, int[] positions) {
        return Arrays.stream(positions).mapToObj(p -> x[p]).toArray(float[][]::new);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
