package org.fer4j.spark.app;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.spark.cv.ExperimentOptions;
import picocli.CommandLine.Option;

/**
 * The options {@code cv} and {@code ablation} share with {@code fer4j cv} / {@code fer4j ablation}: the same
 * names, defaults and meaning (see {@code fer4j cv --help}); {@code --pretrained} and the face-cache options
 * are not offered here (docs/SPARK.md).
 */
final class ExperimentFlags {
    @Option(names = "--dataset", defaultValue = "synth", description = "synth (built in), or a dataset layout on a path every executor sees (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--root", description = "Root folder of the dataset (shared by driver and executors).")
    String root;
    @Option(names = "--strict", description = "Fail on the first unreadable image or bad entry.")
    boolean strict;
    @Option(names = "--subjects", defaultValue = "100", description = "synth: subjects (default: ${DEFAULT-VALUE}).")
    int subjects;
    @Option(names = "--images-per-class", defaultValue = "3", description = "synth: images per subject and class (default: ${DEFAULT-VALUE}).")
    int imagesPerClass;
    @Option(names = "--synth-seed", description = "synth: generator seed (default: --seed).")
    Long synthSeed;
    @Option(names = "--confound", defaultValue = "1.0", description = "synth: identity confound strength (default: ${DEFAULT-VALUE}).")
    double confound;
    @Option(names = "--protocol", defaultValue = "auto", description = "kfold, split or auto (default: ${DEFAULT-VALUE}).")
    String protocol;
    @Option(names = "--folds-file", paramLabel = "FILE", description = "A given split: folds.json or a subject,fold CSV.")
    String foldsFile;
    @Option(names = "--repeats", defaultValue = "1", description = "Repeat k-fold cross-validation with R fold seeds (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--model", defaultValue = "spndl", description = "baseline, spndl, spndl-nn or adversarial (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--width", defaultValue = "0.125", description = "ResNet-18 width multiplier (default: ${DEFAULT-VALUE}).")
    double width;
    @Option(names = "--image-size", defaultValue = "48", description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize;
    @Option(names = "--grey", description = "One grey channel instead of RGB.")
    boolean grey;
    @Option(names = "--crop-margin", defaultValue = "0.1", description = "Margin added around the face box (default: ${DEFAULT-VALUE}).")
    double cropMargin;
    @Option(names = "--init", defaultValue = "torchvision", description = "torchvision or he-normal (default: ${DEFAULT-VALUE}).")
    String init;
    @Option(names = "--nn-init-noise", description = "spndl-nn: relative noise on f_n's copy of f_e (default: 0.05).")
    Double nnInitNoise;
    @Option(names = "--beta1", split = ",", defaultValue = "0", description = "adversarial: β1; ablation takes a list (default: ${DEFAULT-VALUE}).")
    List<Double> beta1;
    @Option(names = "--beta2", defaultValue = "1", description = "adversarial: β2 (default: ${DEFAULT-VALUE}).")
    double beta2;
    @Option(names = "--adversarial-mode", defaultValue = "confusion", description = "confusion or reversal (default: ${DEFAULT-VALUE}).")
    String adversarialMode;
    @Option(names = "--reversal-lambda", defaultValue = "1", description = "adversarial: λ (default: ${DEFAULT-VALUE}).")
    double reversalLambda;
    @Option(names = "--adversary-steps", defaultValue = "1", description = "adversarial: adversary updates per step (default: ${DEFAULT-VALUE}).")
    int adversarySteps;
    @Option(names = "--z-size", defaultValue = "128", description = "adversarial: size of z_e and z_n (default: ${DEFAULT-VALUE}).")
    int zSize;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs per fold (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch-size", defaultValue = "32", description = "Targets per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;
    @Option(names = "--seed", defaultValue = "42", description = "Fixes folds, batches, augmentation and initial weights (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--no-augment", description = "Disable the paired flip-or-noise augmentation.")
    boolean noAugment;
    @Option(names = "--noise-sigma", defaultValue = "0.02", description = "Augmentation noise σ (default: ${DEFAULT-VALUE}).")
    double noiseSigma;
    @Option(names = "--spl", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Self-paced learning on or off (--no-spl) (default: on).")
    boolean spl;
    @Option(names = "--spl-schedule", split = ",", defaultValue = "0.5,0.6,0.7,0.8,0.9,1.0", description = "Fraction of each class admitted per pace (default: ${DEFAULT-VALUE}).")
    List<Double> splSchedule;
    @Option(names = "--spl-warmup", defaultValue = "40%", description = "Epochs before the first ranking: a count or a share of --epochs (default: ${DEFAULT-VALUE}).")
    String splWarmup;
    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Share of training subjects held out for checkpoint selection (default: ${DEFAULT-VALUE}).")
    double valFraction;
    @Option(names = "--class-balance", defaultValue = "none", description = "none, weights or sampling (default: ${DEFAULT-VALUE}).")
    String classBalance;

    @Option(names = "--out", description = "Run folder, on a file system the driver and every executor share (default: runs/<time>-<command>-<model>).")
    Path out;
    @Option(names = "--resume", description = "Continue the run in --out: committed folds are kept, the others trained.")
    boolean resume;
    @Option(names = "--force-resume", description = "With --resume: continue even when the recorded configuration differs.")
    boolean forceResume;
    @Option(names = "--threads-per-task", defaultValue = "1", description = "PyTorch intra-op threads of each fold task; set spark.task.cpus to the same (default: ${DEFAULT-VALUE}).")
    int threadsPerTask;

    ExperimentOptions.Builder builder(ExperimentOptions.Command command) {
        return ExperimentOptions.builder(command).optDataset(dataset, root).optStrict(strict).optSubjects(subjects)
                .optImagesPerClass(imagesPerClass).optSynthSeed(synthSeed).optConfound(confound).optProtocol(protocol)
                .optFoldsFile(foldsFile).optRepeats(repeats).optModel(model).optWidth(width).optImageSize(imageSize)
                .optGrey(grey).optCropMargin(cropMargin).optInit(init).optNnInitNoise(nnInitNoise).optBeta1(beta1)
                .optBeta2(beta2).optAdversarialMode(adversarialMode).optReversalLambda(reversalLambda)
                .optAdversarySteps(adversarySteps).optZSize(zSize).optEpochs(epochs).optBatchSize(batchSize)
                .optLearningRate(learningRate).optSeed(seed).optAugment(!noAugment).optNoiseSigma(noiseSigma).optSpl(spl)
                .optSplSchedule(splSchedule).optSplWarmup(splWarmup).optValFraction(valFraction)
                .optClassBalance(classBalance).optForceResume(forceResume);
    }
}
