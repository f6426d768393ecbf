package org.fer4j.spark.cv;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A cross-validation or ablation as {@code fer4j cv} and {@code fer4j ablation} take it, with the same option
 * names and defaults: which dataset, which network and how to train it, which folds and rows. Plain values
 * only, so it travels to every executor, where {@link Experiment#resolve} turns it into the same dataset,
 * folds, specs and seeds as on the driver (and as on a single machine).
 */
public final class ExperimentOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code cv}: one row, the chosen model; {@code ablation}: the paper's rows. */
    public enum Command { CV, ABLATION }

    Command command = Command.CV;
    // data (DataOptions in the CLI)
    String dataset = "synth";
    String root;
    boolean strict;
    int subjects = 100;
    int imagesPerClass = 3;
    Long synthSeed;
    double confound = 1.0;
    String protocol = "auto";
    String foldsFile;
    int repeats = 1;
    // model (ModelOptions)
    String model = "spndl";
    double width = 0.125;
    int imageSize = 48;
    boolean grey;
    double cropMargin = 0.1;
    String init = "torchvision";
    Double nnInitNoise;
    List<Double> beta1 = List.of(0.0);
    double beta2 = 1;
    String adversarialMode = "confusion";
    double reversalLambda = 1;
    int adversarySteps = 1;
    int zSize = 128;
    // training (TrainOptions)
    int epochs = 30;
    int batchSize = 32;
    double learningRate = 0.001;
    long seed = 42;
    boolean augment = true;
    double noiseSigma = 0.02;
    boolean spl = true;
    List<Double> splSchedule = List.of(0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
    String splWarmup = "40%";
    double valFraction = 0.1;
    String classBalance = "none";
    // the experiment
    Integer folds;
    int maxFolds;
    List<String> variants = List.of();
    String against;
    boolean forceResume;

    private ExperimentOptions() {
    }

    public static Builder builder(Command command) {
        return new Builder(command);
    }

    public Command command() {
        return command;
    }

    /** Subject folds: the command's default (10 for cv, 5 for ablation, as the CLI) unless given. */
    public int folds() {
        return folds != null ? folds : command == Command.CV ? 10 : 5;
    }

    public boolean forceResume() {
        return forceResume;
    }

    /** The options as one string, equal for equal options (the key under which an executor keeps their faces). */
    String key() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Sets every option; names follow the CLI's ({@code --images-per-class} is {@code optImagesPerClass}). */
    public static final class Builder {
        private final ExperimentOptions o = new ExperimentOptions();
        private boolean built;

        private Builder(Command command) {
            o.command = Objects.requireNonNull(command);
        }

        public Builder optDataset(String dataset, String root) { o.dataset = dataset; o.root = root; return this; }
        public Builder optStrict(boolean strict) { o.strict = strict; return this; }
        public Builder optSubjects(int n) { o.subjects = n; return this; }
        public Builder optImagesPerClass(int n) { o.imagesPerClass = n; return this; }
        public Builder optSynthSeed(Long seed) { o.synthSeed = seed; return this; }
        public Builder optConfound(double c) { o.confound = c; return this; }
        public Builder optProtocol(String p) { o.protocol = p; return this; }
        public Builder optFoldsFile(String f) { o.foldsFile = f; return this; }
        public Builder optRepeats(int r) { o.repeats = r; return this; }
        public Builder optModel(String m) { o.model = m; return this; }
        public Builder optWidth(double w) { o.width = w; return this; }
        public Builder optImageSize(int s) { o.imageSize = s; return this; }
        public Builder optGrey(boolean g) { o.grey = g; return this; }
        public Builder optCropMargin(double m) { o.cropMargin = m; return this; }
        public Builder optInit(String i) { o.init = i; return this; }
        public Builder optNnInitNoise(Double n) { o.nnInitNoise = n; return this; }
        public Builder optBeta1(List<Double> b) { o.beta1 = List.copyOf(b); return this; }
        public Builder optBeta2(double b) { o.beta2 = b; return this; }
        public Builder optAdversarialMode(String m) { o.adversarialMode = m; return this; }
        public Builder optReversalLambda(double l) { o.reversalLambda = l; return this; }
        public Builder optAdversarySteps(int s) { o.adversarySteps = s; return this; }
        public Builder optZSize(int z) { o.zSize = z; return this; }
        public Builder optEpochs(int e) { o.epochs = e; return this; }
        public Builder optBatchSize(int b) { o.batchSize = b; return this; }
        public Builder optLearningRate(double lr) { o.learningRate = lr; return this; }
        public Builder optSeed(long s) { o.seed = s; return this; }
        public Builder optAugment(boolean a) { o.augment = a; return this; }
        public Builder optNoiseSigma(double s) { o.noiseSigma = s; return this; }
        public Builder optSpl(boolean s) { o.spl = s; return this; }
        public Builder optSplSchedule(List<Double> s) { o.splSchedule = List.copyOf(s); return this; }
        public Builder optSplWarmup(String w) { o.splWarmup = w; return this; }
        public Builder optValFraction(double v) { o.valFraction = v; return this; }
        public Builder optClassBalance(String c) { o.classBalance = c; return this; }
        public Builder optFolds(Integer k) { o.folds = k; return this; }
        public Builder optMaxFolds(int n) { o.maxFolds = n; return this; }
        public Builder optVariants(List<String> v) { o.variants = v == null ? List.of() : List.copyOf(v); return this; }
        public Builder optAgainst(String row) { o.against = row; return this; }
        public Builder optForceResume(boolean f) { o.forceResume = f; return this; }

        /** The options (immutable from here on); values are checked by {@link Experiment#resolve}. */
        public ExperimentOptions build() {
            if (built) {
                throw new IllegalStateException("build() once per builder");
            }
            built = true;
            return o;
        }
    }
}
