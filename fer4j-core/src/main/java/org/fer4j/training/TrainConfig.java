package org.fer4j.training;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param noiseSigma   noise standard deviation, in {@code noiseUnits}
 * @param flipProbability probability of choosing flip (otherwise noise) for a pair
 * @param classBalance none, inverse-frequency loss weights, or class-balanced sampling
 * @param normalisation the input statistics: fixed ImageNet-style ones, or each training set's own
 * @param noiseUnits   whether σ is a fraction of the pixel range or in normalised (standardised) units
 * @param probeEvery   run the disentanglement probes on the validation part every that many epochs and at the
 *                     last one (0 = never); they read the model in inference mode and do not change the training.
 *                     Left out of {@code config.json} when 0, so runs recorded before the option resume as they were
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, long seed,
                          boolean augment, double noiseSigma, double flipProbability, ClassBalance classBalance,
                          Normalisation normalisation, NoiseUnits noiseUnits,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) int probeEvery) {
    /**
     * Where the mean and std that standardise the inputs come from. The reference PyTorch protocol
     * ({@code torch_oracle.py protocol --norm dataset}) standardises by the training set's statistics;
     * fer4j's models so far by fixed ImageNet-style values (0.45/0.225 grey, ImageNet's triple for RGB).
     */
    public enum Normalisation {
        /** Fixed values, the same for every fold (what pretrained ImageNet weights expect). */
        IMAGENET,
        /** Per-channel mean and std of the fold's training targets, recorded in the model it trains. */
        DATASET;

        public static Normalisation parse(String s) {
            for (Normalisation n : values()) {
                if (n.name().equalsIgnoreCase(s.trim())) {
                    return n;
                }
            }
            throw new IllegalArgumentException("normalisation '" + s + "' is not imagenet or dataset");
        }
    }

    /** The scale of the augmentation noise σ. */
    public enum NoiseUnits {
        /** σ is a fraction of the [0, 1] pixel range (σ / std once standardised). */
        PIXEL,
        /** σ is added to the standardised input as it is (the reference protocol's convention). */
        NORMALISED;

        public static NoiseUnits parse(String s) {
            for (NoiseUnits n : values()) {
                if (n.name().equalsIgnoreCase(s.trim())) {
                    return n;
                }
            }
            throw new IllegalArgumentException("noise units '" + s + "' are not pixel or normalised");
        }
    }

    public TrainConfig {
        classBalance = classBalance == null ? ClassBalance.NONE : classBalance;
        normalisation = normalisation == null ? Normalisation.IMAGENET : normalisation;
        noiseUnits = noiseUnits == null ? NoiseUnits.PIXEL : noiseUnits;
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
        if (probeEvery < 0) {
            throw new IllegalArgumentException("probeEvery must be 0 (off) or a positive number of epochs, got " + probeEvery);
        }
    }

    /** Without the probes during training. */
    public TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, long seed,
                       boolean augment, double noiseSigma, double flipProbability, ClassBalance classBalance,
                       Normalisation normalisation, NoiseUnits noiseUnits) {
        this(epochs, batchSize, learningRate, beta1, beta2, seed, augment, noiseSigma, flipProbability, classBalance,
                normalisation, noiseUnits, 0);
    }

    /** Fixed normalisation, σ in pixel units. */
    public TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, long seed,
                       boolean augment, double noiseSigma, double flipProbability, ClassBalance classBalance) {
        this(epochs, batchSize, learningRate, beta1, beta2, seed, augment, noiseSigma, flipProbability, classBalance,
                Normalisation.IMAGENET, NoiseUnits.PIXEL);
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
                classBalance, normalisation, noiseUnits, probeEvery);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, learningRate, beta1, beta2, s, augment, noiseSigma, flipProbability,
                classBalance, normalisation, noiseUnits, probeEvery);
    }

    public TrainConfig withClassBalance(ClassBalance b) {
        return new TrainConfig(epochs, batchSize, learningRate, beta1, beta2, seed, augment, noiseSigma, flipProbability, b,
                normalisation, noiseUnits, probeEvery);
    }

    public TrainConfig withNormalisation(Normalisation n, NoiseUnits units) {
        return new TrainConfig(epochs, batchSize, learningRate, beta1, beta2, seed, augment, noiseSigma, flipProbability,
                classBalance, n, units, probeEvery);
    }

    public TrainConfig withProbeEvery(int n) {
        return new TrainConfig(epochs, batchSize, learningRate, beta1, beta2, seed, augment, noiseSigma,
                flipProbability, classBalance, normalisation, noiseUnits, n);
    }

    /** Whether the probes run at the end of 0-based {@code epoch} of {@code total}: every N-th and the last. */
    public boolean probesAt(int epoch, int total) {
        return probeEvery > 0 && ((epoch + 1) % probeEvery == 0 || epoch + 1 == total);
    }

    /** The noise σ per channel in the standardised units the network sees, for inputs standardised by {@code std}. */
    public float[] noiseSigmaPerChannel(float[] std) {
        float[] s = new float[std.length];
        for (int c = 0; c < std.length; c++) {
            s[c] = (float) (noiseUnits == NoiseUnits.NORMALISED ? noiseSigma : noiseSigma / std[c]);
        }
        return s;
    }
}
