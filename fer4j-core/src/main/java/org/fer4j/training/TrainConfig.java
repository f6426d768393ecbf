package org.fer4j.training;

/**
 * How a network is trained [B §4.2]: Adam with the papers' betas, batches, epochs, seed, and the
 * paired-safe augmentation. Validated here so a bad value fails before any work starts.
 *
 * @param epochs       total epochs (with SPL: warm-up epochs plus epochs split evenly over the paces)
 * @param batchSize    targets per batch (a paired batch holds twice as many images)
 * @param learningRate Adam learning rate (1e-4 in METHODS.md; the synthetic demo uses a larger one)
 * @param beta1        Adam β1
 * @param beta2        Adam β2
 * @param seed         fixes shuffling, augmentation and initial weights
 * @param augment      random horizontal flip or Gaussian noise per pair, the same decision for both images
 * @param noiseSigma   noise standard deviation as a fraction of the pixel range
 * @param flipProbability probability of choosing flip (otherwise noise) for a pair
 * @param classBalance none, inverse-frequency loss weights, or class-balanced sampling
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, long seed,
                          boolean augment, double noiseSigma, double flipProbability, ClassBalance classBalance) {
    public TrainConfig {
        classBalance = classBalance == null ? ClassBalance.NONE : classBalance;
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be at least 2 (BatchNorm needs it), got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(noiseSigma >= 0 && noiseSigma < 1) || !(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException("noise sigma must be in [0, 1) and flip probability in [0, 1]");
        }
    }

    /** Without class balancing. */
    public TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, long seed,
                       boolean augment, double noiseSigma, double flipProbability) {
        this(epochs, batchSize, learningRate, beta1, beta2, seed, augment, noiseSigma, flipProbability, ClassBalance.NONE);
    }

    /** METHODS.md §5 defaults: Adam(0.9, 0.999), lr 1e-4, batch 128, flip-or-noise σ = 0.02. */
    public static TrainConfig paperDefaults(int epochs, long seed) {
        return new TrainConfig(epochs, 128, 1e-4, 0.9, 0.999, seed, true, 0.02, 0.5);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(e, batchSize, learningRate, beta1, beta2, seed, augment, noiseSigma, flipProbability,
                classBalance);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, learningRate, beta1, beta2, s, augment, noiseSigma, flipProbability,
                classBalance);
    }

    public TrainConfig withClassBalance(ClassBalance b) {
        return new TrainConfig(epochs, batchSize, learningRate, beta1, beta2, seed, augment, noiseSigma, flipProbability, b);
    }
}
