package org.fer4j.data.synth;

/**
 * Settings of the built-in synthetic paired face set.
 *
 * @param subjects       number of people
 * @param imagesPerClass target images per person and expression
 * @param renderSize     rendered side in pixels (preprocessing resizes)
 * @param seed           fixes every identity, expression and nuisance draw
 * @param mislabelRate   share of targets whose label is replaced by another class
 * @param lowQualityRate share of targets rendered blurred, dark and noisy
 * @param occlusionRate  share of images with an occluding patch
 * @param confound       scale of the resting (identity) traits relative to expression changes; 0 removes the confound
 */
public record SyntheticConfig(int subjects, int imagesPerClass, int renderSize, long seed, double mislabelRate,
                              double lowQualityRate, double occlusionRate, double confound) {
    public SyntheticConfig {
        if (subjects < 2) {
            throw new IllegalArgumentException("synthetic set needs at least 2 subjects, got " + subjects);
        }
        if (imagesPerClass < 1) {
            throw new IllegalArgumentException("images per class must be at least 1, got " + imagesPerClass);
        }
        if (renderSize < 32 || renderSize > 512) {
            throw new IllegalArgumentException("render size must be in [32, 512], got " + renderSize);
        }
        for (double r : new double[] {mislabelRate, lowQualityRate, occlusionRate}) {
            if (!(r >= 0 && r <= 0.5)) {
                throw new IllegalArgumentException("rates must be in [0, 0.5], got " + r);
            }
        }
        if (!(confound >= 0 && confound <= 3)) {
            throw new IllegalArgumentException("confound must be in [0, 3], got " + confound);
        }
    }

    /** 40 subjects × 7 expressions × 3 images, 64 px, 3 % mislabelled, 3 % low quality, 5 % occluded. */
    public static SyntheticConfig defaults(long seed) {
        return new SyntheticConfig(40, 3, 64, seed, 0.03, 0.03, 0.05, 1.0);
    }

    public SyntheticConfig withSubjects(int n) {
        return new SyntheticConfig(n, imagesPerClass, renderSize, seed, mislabelRate, lowQualityRate, occlusionRate, confound);
    }

    public SyntheticConfig withImagesPerClass(int n) {
        return new SyntheticConfig(subjects, n, renderSize, seed, mislabelRate, lowQualityRate, occlusionRate, confound);
    }

    public SyntheticConfig withSeed(long s) {
        return new SyntheticConfig(subjects, imagesPerClass, renderSize, s, mislabelRate, lowQualityRate, occlusionRate, confound);
    }

    public SyntheticConfig withRenderSize(int s) {
        return new SyntheticConfig(subjects, imagesPerClass, s, seed, mislabelRate, lowQualityRate, occlusionRate, confound);
    }
}
