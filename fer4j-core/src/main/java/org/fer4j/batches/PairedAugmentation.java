package org.fer4j.batches;

import java.util.Random;

/**
 * [B §4.2] augmentation made pair-safe: each pair draws one decision — horizontal flip, or additive
 * Gaussian noise — and both its images receive that same operation (noise values are drawn per
 * image with the same σ). Flipping only one image of a pair would turn pose into a fake expression.
 */
public final class PairedAugmentation {
    private final double flipProbability;
    private final float[] sigmaPerChannel;

    /**
     * @param noiseSigma noise σ as a fraction of the pixel range
     * @param std        the preprocessing's per-channel std (the pixel range [0,1] becomes 1/std wide)
     */
    public PairedAugmentation(double flipProbability, double noiseSigma, float[] std) {
        this(flipProbability, sigmas(noiseSigma, std));
    }

    /** @param sigmaPerChannel noise σ per channel in the standardised units the network sees */
    public PairedAugmentation(double flipProbability, float[] sigmaPerChannel) {
        this.flipProbability = flipProbability;
        this.sigmaPerChannel = sigmaPerChannel.clone();
    }

    private static float[] sigmas(double noiseSigma, float[] std) {
        float[] s = new float[std.length];
        for (int c = 0; c < std.length; c++) {
            s[c] = (float) (noiseSigma / std[c]);
        }
        return s;
    }

    /** What was applied to a pair (tests check both images got the same). */
    public enum Operation { FLIP, NOISE }

    /** Augments one pair in place; {@code neutral} may be null. Returns the operation applied. */
    public Operation apply(float[] target, float[] neutral, int offset, int channels, int size, Random rng) {
        if (rng.nextDouble() < flipProbability) {
            flip(target, offset, channels, size);
            if (neutral != null) {
                flip(neutral, offset, channels, size);
            }
            return Operation.FLIP;
        }
        noise(target, offset, channels, size, rng);
        if (neutral != null) {
            noise(neutral, offset, channels, size, rng);
        }
        return Operation.NOISE;
    }

    static void flip(float[] a, int offset, int channels, int size) {
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < size; y++) {
                int row = offset + (c * size + y) * size;
                for (int x = 0, z = size - 1; x < z; x++, z--) {
                    float t = a[row + x];
                    a[row + x] = a[row + z];
                    a[row + z] = t;
                }
            }
        }
    }

    private void noise(float[] a, int offset, int channels, int size, Random rng) {
        int plane = size * size;
        for (int c = 0; c < channels; c++) {
            float s = sigmaPerChannel[Math.min(c, sigmaPerChannel.length - 1)];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                a[base + i] += (float) rng.nextGaussian() * s;
            }
        }
    }
}
