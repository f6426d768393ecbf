package org.fer4j.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How training compensates for imbalanced classes (AffectNet's training set has about 134k happy
 * faces and 4k disgusted ones): not at all, by weighting each sample's loss with its class's inverse
 * frequency, or by drawing each epoch's samples so that every class is equally likely.
 */
public enum ClassBalance {
    /** Every sample once per epoch, unweighted. */
    NONE,
    /** Loss weight w_k = N / (K · n_k) for class k (PyTorch's weighted cross-entropy mean). */
    WEIGHTS,
    /** Each draw picks a class uniformly, then one of its samples uniformly (with replacement). */
    SAMPLING;

    public static ClassBalance parse(String name) {
        for (ClassBalance b : values()) {
            if (b.name().equalsIgnoreCase(name.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown class balance '" + name + "'; expected none, weights or sampling");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Inverse-frequency weights normalised so that the mean weight over the given samples is 1:
     * w_k = N / (K' · n_k) over the K' classes present; a class with no sample gets weight 0.
     *
     * @param labels class index of each training sample
     */
    public static float[] inverseFrequencyWeights(int[] labels, int classes) {
        int[] counts = counts(labels, classes);
        int present = (int) Arrays.stream(counts).filter(c -> c > 0).count();
        float[] w = new float[classes];
        for (int k = 0; k < classes; k++) {
            w[k] = counts[k] == 0 ? 0f : (float) ((double) labels.length / ((double) present * counts[k]));
        }
        return w;
    }

    /**
     * A class-balanced epoch of {@code indices.length} draws: each draw picks one of the classes
     * present uniformly, then one of its samples uniformly, so rare classes repeat and frequent ones
     * are sub-sampled. Deterministic for {@code rng}'s seed.
     *
     * @param labels class index of {@code indices[i]}
     */
    public static int[] balancedDraw(int[] indices, int[] labels, int classes, Random rng) {
        if (indices.length != labels.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + labels.length + " labels");
        }
        List<int[]> byClass = new ArrayList<>();
        int[] counts = counts(labels, classes);
        int[][] members = new int[classes][];
        int[] fill = new int[classes];
        for (int k = 0; k < classes; k++) {
            members[k] = new int[counts[k]];
        }
        for (int i = 0; i < indices.length; i++) {
            members[labels[i]][fill[labels[i]]++] = indices[i];
        }
        for (int[] m : members) {
            if (m.length > 0) {
                byClass.add(m);
            }
        }
        int[] order = new int[indices.length];
        for (int i = 0; i < order.length; i++) {
            int[] m = byClass.get(rng.nextInt(byClass.size()));
            order[i] = m[rng.nextInt(m.length)];
        }
        return order;
    }

    private static int[] counts(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            if (l < 0 || l >= classes) {
                throw new IllegalArgumentException("class index " + l + " outside 0.." + (classes - 1));
            }
            counts[l]++;
        }
        return counts;
    }
}
