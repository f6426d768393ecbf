package org.fer4j.cli;

import java.util.List;
import org.fer4j.training.ClassBalance;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;
import picocli.CommandLine.Option;

/** Optimisation and self-paced options (METHODS.md §4–5 defaults where they fit a CPU). */
public final class TrainOptions {
    @Option(names = "--epochs", defaultValue = "30", description = "Epochs per fold (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 100_000)
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Targets per batch; the paper uses 128 (default: ${DEFAULT-VALUE}).")
    @Range(min = 2, max = 4096, why = "BatchNorm needs two images to train")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate; the paper uses 1e-4 with pretrained weights (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 10, minExclusive = true)
    double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Fixes folds, batches, augmentation and initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-augment", description = "Disable the paired flip-or-noise augmentation.")
    boolean noAugment;

    @Option(names = "--force-resume", description = "With --resume: continue even when the options, data or fer4j version"
            + " differ from those the run recorded (each difference is printed); the run's results then mix two setups.")
    boolean forceResume;

    @Option(names = "--noise-sigma", defaultValue = "0.02", description = "Augmentation noise σ, in --noise-units (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1)
    double noiseSigma;

    @Option(names = "--noise-units", defaultValue = "pixel", description = "pixel (σ is a fraction of the [0, 1]"
            + " pixel range) or normalised (σ is added to the standardised input, as the PyTorch reference protocol"
            + " does) (default: ${DEFAULT-VALUE}).")
    String noiseUnits;

    @Option(names = "--normalise", defaultValue = "imagenet", description = "Input standardisation: imagenet (fixed"
            + " 0.45/0.225 grey, ImageNet's triple for RGB) or dataset (each training fold's own per-channel mean and"
            + " std, recorded in the model; the PyTorch reference protocol's choice) (default: ${DEFAULT-VALUE}).")
    String normalise;

    @Option(names = "--spl", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Self-paced learning on or off (--no-spl) (default: on).")
    boolean spl;

    @Option(names = "--spl-schedule", split = ",", defaultValue = "0.5,0.6,0.7,0.8,0.9,1.0",
            description = "Fraction of each class admitted per pace; increasing, ending at 1.0 (default: ${DEFAULT-VALUE}).")
    List<Double> schedule;

    @Option(names = "--spl-warmup", defaultValue = "40%",
            description = "Epochs on all samples before the first ranking: a count, or a share of --epochs such as 40%%."
                    + " METHODS.md's choice is 1 (a pretrained start); from scratch, ranking after 1-2 epochs ranks by an"
                    + " untrained model and cost 6 points on the synthetic CV (docs/RESULTS.md) (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Share of training subjects held out for checkpoint selection; 0 keeps the last epoch (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 0.9)
    double valFraction;

    @Option(names = "--class-balance", defaultValue = "none", description = "none, weights (inverse-frequency loss weights) or sampling (class-balanced draws each epoch) for imbalanced sets such as AffectNet (default: ${DEFAULT-VALUE}).")
    String classBalance;

    @Option(names = "--probe-every", defaultValue = "0", description = "The disentanglement curve: every N epochs and at"
            + " the last, fresh linear probes for expression and identity read each representation (z_e, z_n) on the"
            + " validation part, split by subject; logged to metrics.jsonl and drawn in the report. Needs --val-fraction"
            + " above 0; 0 = off (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 100_000)
    int probeEvery;

    public TrainConfig config() {
        return new TrainConfig(epochs, batchSize, learningRate, 0.9, 0.999, seed, !noAugment, noiseSigma, 0.5,
                ClassBalance.parse(classBalance), TrainConfig.Normalisation.parse(normalise),
                TrainConfig.NoiseUnits.parse(noiseUnits), probeEvery);
    }

    public SelfPacedConfig selfPaced(boolean enabled) {
        if (!enabled) {
            return SelfPacedConfig.disabled();
        }
        int warm = warmupEpochs();
        try {
            return new SelfPacedConfig(true, schedule, warm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--spl-schedule " + schedule.stream().map(String::valueOf)
                    .reduce((a, b) -> a + "," + b).orElse("") + ": " + e.getMessage(), e);
        }
    }

    /** Resolves {@code --spl-warmup} ("12" or "40%") against {@code --epochs}. */
    int warmupEpochs() {
        String w = warmup.trim();
        try {
            if (w.endsWith("%")) {
                double share = Double.parseDouble(w.substring(0, w.length() - 1)) / 100;
                if (!(share >= 0 && share < 1)) {
                    throw new IllegalArgumentException("--spl-warmup " + warmup + ": a share must be in [0%, 100%)");
                }
                return (int) Math.round(share * epochs);
            }
            return Integer.parseInt(w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--spl-warmup " + warmup + ": give a number of epochs (12) or a share of"
                    + " --epochs (40%)");
        }
    }
}
