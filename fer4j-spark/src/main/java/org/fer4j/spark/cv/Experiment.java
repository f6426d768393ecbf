package org.fer4j.spark.cv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.fer4j.data.Dataset;
import org.fer4j.data.FaceStore;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.adapters.Adapters;
import org.fer4j.data.adapters.Listing;
import org.fer4j.data.cache.FaceStores;
import org.fer4j.data.synth.SyntheticConfig;
import org.fer4j.data.synth.SyntheticFaces;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.experiments.FoldsFile;
import org.fer4j.experiments.Protocol;
import org.fer4j.experiments.SubjectFolds;
import org.fer4j.experiments.Variant;
import org.fer4j.models.AdversarialConfig;
import org.fer4j.models.Initialisation;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.TwoBackboneNetwork;
import org.fer4j.training.ClassBalance;
import org.fer4j.training.EpochPlan;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;

/**
 * {@link ExperimentOptions} resolved into what training needs: the listed dataset, its folds, the rows and
 * each row's spec and self-paced schedule. Resolution is deterministic, so the driver (to check everything
 * and write the run folder) and every executor (to train its fold) arrive at the same objects, and at the
 * ones {@code fer4j cv}/{@code ablation} build from the same options.
 */
public final class Experiment {
    /** The ablation rows' names on the command line, in {@link Variant#spndlAblation()}'s order. */
    static final List<String> ROW_KEYS = List.of("baseline", "spl", "ndf", "spndl", "nn");

    private final ExperimentOptions options;
    private final Dataset dataset;
    private final List<FoldSubjects> folds;
    private final List<Variant> variants;
    private final String against;

    private Experiment(ExperimentOptions options, Dataset dataset, List<FoldSubjects> folds, List<Variant> variants,
                       String against) {
        this.options = options;
        this.dataset = dataset;
        this.folds = folds;
        this.variants = variants;
        this.against = against;
    }

    /**
     * Checks every option, lists the dataset and draws the folds; {@code warn} hears what was left out.
     *
     * @throws IllegalArgumentException naming the option, for a bad value
     * @throws IOException              naming the file, for a dataset or folds file that cannot be read
     */
    public static Experiment resolve(ExperimentOptions o, Consumer<String> warn) throws IOException {
        List<Variant> variants = variants(o);
        String against = against(o, variants);
        TrainConfig train = train(o);
        variants.forEach(v -> new EpochPlan(train.epochs(), selfPaced(o, v.selfPaced()))); // fails here, not in a task
        variants.forEach(v -> spec(o, v, LabelSet.CK_PLUS_7));
        Dataset ds = list(o, warn);
        if (variants.stream().anyMatch(v -> v.kind().needsNeutral())) {
            ds = ds.withNeutralReferences(o.strict, warn);
        }
        ds.requireTrainable();
        List<FoldSubjects> folds = folds(o, ds);
        if (o.maxFolds > 0 && o.maxFolds < folds.size()) {
            folds = folds.subList(0, o.maxFolds);
        }
        return new Experiment(o, ds, List.copyOf(folds), variants, against);
    }

    public ExperimentOptions options() {
        return options;
    }

    public Dataset dataset() {
        return dataset;
    }

    public List<FoldSubjects> folds() {
        return folds;
    }

    public List<Variant> variants() {
        return variants;
    }

    /** The row every other is compared with: {@code --against}, else the first. */
    public String against() {
        return against;
    }

    public TrainConfig train() {
        return train(options);
    }

    public ModelSpec spec(Variant v) {
        return spec(options, v, dataset.labels());
    }

    public SelfPacedConfig selfPaced(Variant v) {
        return selfPaced(options, v.selfPaced());
    }

    public Protocol protocol() {
        return Protocol.parse(options.protocol).resolve(dataset);
    }

    /** Probes after each fold: every row of the adversarial ablation, else where the model asks for them. */
    public boolean probes(Variant v) {
        return options.command == ExperimentOptions.Command.ABLATION && kind(options) == ModelKind.ADVERSARIAL
                || v.kind().definition().probedByDefault();
    }

    /** The faces in memory, or in the on-disk cache when they would not fit (as the CLI chooses). */
    public FaceStore openStore() throws IOException {
        return FaceStores.auto().open(dataset, preprocessing(options), options.strict, null);
    }

    private static ModelKind kind(ExperimentOptions o) {
        return ModelKind.parse(o.model);
    }

    private static List<Variant> variants(ExperimentOptions o) {
        ModelKind kind = kind(o);
        if (o.command == ExperimentOptions.Command.CV) {
            return List.of(new Variant(kind.cliName() + (o.spl ? " + SPL" : ""), kind, o.spl));
        }
        if (kind == ModelKind.ADVERSARIAL) {
            if (!o.variants.isEmpty()) {
                throw new IllegalArgumentException("--variants chooses rows of the SPNDL ablation; the adversarial"
                        + " ablation's rows are chosen by --beta1 (and --beta2)");
            }
            return Variant.adversarialAblation(o.beta1, o.beta2, o.spl);
        }
        for (String v : o.variants) {
            if (!ROW_KEYS.contains(v)) {
                throw new IllegalArgumentException("unknown ablation row '" + v + "'; use " + ROW_KEYS);
            }
        }
        List<Variant> all = Variant.spndlAblation();
        List<Variant> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (o.variants.isEmpty() || o.variants.contains(ROW_KEYS.get(i))) {
                rows.add(all.get(i));
            }
        }
        return List.copyOf(rows);
    }

    private static String against(ExperimentOptions o, List<Variant> rows) {
        if (o.against == null) {
            return null;
        }
        int k = ROW_KEYS.indexOf(o.against);
        if (kind(o) == ModelKind.ADVERSARIAL || k < 0 || !rows.contains(Variant.spndlAblation().get(k))) {
            throw new IllegalArgumentException("--against " + o.against + " is not a row of this ablation; rows: "
                    + rows.stream().map(Variant::name).toList());
        }
        return Variant.spndlAblation().get(k).name();
    }

    static TrainConfig train(ExperimentOptions o) {
        return new TrainConfig(o.epochs, o.batchSize, o.learningRate, 0.9, 0.999, o.seed, o.augment, o.noiseSigma, 0.5,
                ClassBalance.parse(o.classBalance));
    }

    static SelfPacedConfig selfPaced(ExperimentOptions o, boolean enabled) {
        return enabled ? new SelfPacedConfig(true, o.splSchedule, warmupEpochs(o)) : SelfPacedConfig.disabled();
    }

    /** {@code --spl-warmup}: a number of epochs ("12") or a share of {@code --epochs} ("40%"). */
    static int warmupEpochs(ExperimentOptions o) {
        String w = o.splWarmup.trim();
        try {
            if (!w.endsWith("%")) {
                return Integer.parseInt(w);
            }
            double share = Double.parseDouble(w.substring(0, w.length() - 1)) / 100;
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("--spl-warmup " + o.splWarmup + ": a share must be in [0%, 100%)");
            }
            return (int) Math.round(share * o.epochs);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--spl-warmup " + o.splWarmup + ": give a number of epochs (12) or a"
                    + " share of --epochs (40%)");
        }
    }

    static Preprocessing preprocessing(ExperimentOptions o) {
        if (!o.grey) {
            Preprocessing rgb = Preprocessing.rgb(o.imageSize);
            return new Preprocessing(o.imageSize, 3, o.cropMargin, rgb.mean(), rgb.std());
        }
        return new Preprocessing(o.imageSize, 1, o.cropMargin, new float[] {0.45f}, new float[] {0.225f});
    }

    /** The row's spec: the model options every spec records (as the CLI writes them), then the row's own. */
    static ModelSpec spec(ExperimentOptions o, Variant v, LabelSet labels) {
        if (v.kind() == ModelKind.ADVERSARIAL && o.beta1.size() != 1 && !v.options().containsKey(AdversarialConfig.BETA1)) {
            throw new IllegalArgumentException("--beta1 takes one value here, got " + o.beta1
                    + "; a list is for 'ablation --model adversarial --beta1 0,0.1,1'");
        }
        Map<String, String> settings = new TreeMap<>(new AdversarialConfig(o.zSize, o.beta1.get(0), o.beta2,
                AdversarialConfig.Mode.parse(o.adversarialMode), o.reversalLambda, o.adversarySteps).toOptions());
        settings.put(Initialisation.OPTION, Initialisation.parse(o.init).id());
        settings.put(TwoBackboneNetwork.INIT_NOISE, Double.toString(o.nnInitNoise != null ? o.nnInitNoise : 0.05));
        settings.putAll(v.options());
        ModelSpec spec = new ModelSpec(v.kind(), o.width, preprocessing(o), labels, settings);
        AdversarialConfig.of(spec); // checks the row's settings
        return spec;
    }

    private static Dataset list(ExperimentOptions o, Consumer<String> warn) throws IOException {
        if ("synth".equals(o.dataset)) {
            SyntheticConfig d = SyntheticConfig.defaults(o.synthSeed != null ? o.synthSeed : o.seed)
                    .withSubjects(o.subjects).withImagesPerClass(o.imagesPerClass);
            return SyntheticFaces.generate(new SyntheticConfig(d.subjects(), d.imagesPerClass(), d.renderSize(), d.seed(),
                    d.mislabelRate(), d.lowQualityRate(), d.occlusionRate(), o.confound));
        }
        if (o.root == null) {
            throw new IllegalArgumentException("--dataset " + o.dataset + " needs --root pointing at the dataset's folder ("
                    + Adapters.get(o.dataset).layout() + ")");
        }
        Listing listing = Adapters.get(o.dataset).list(Path.of(o.root), o.strict);
        if (!listing.excluded().isEmpty()) {
            warn.accept("the protocol leaves out " + listing.excluded().size() + " entries; fer4j datasets inspect lists them");
        }
        return listing.requireUsable();
    }

    private static List<FoldSubjects> folds(ExperimentOptions o, Dataset ds) throws IOException {
        Protocol protocol = Protocol.parse(o.protocol);
        if (o.repeats != 1 && (o.foldsFile != null || protocol.resolve(ds) != Protocol.KFOLD)) {
            throw new IllegalArgumentException("--repeats " + o.repeats + " needs subject folds drawn by fer4j"
                    + " (--protocol kfold, no --folds-file)");
        }
        if (o.foldsFile != null) {
            return FoldsFile.read(Path.of(o.foldsFile), ds, o.seed, o.valFraction);
        }
        return o.repeats > 1 ? SubjectFolds.repeatedKFold(ds, o.folds(), o.seed, o.valFraction, o.repeats)
                : protocol.folds(ds, o.folds(), o.seed, o.valFraction);
    }
}
