package org.fer4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.data.Dataset;
import org.fer4j.data.FaceStore;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.LabelSet;
import org.fer4j.data.cache.CachedFaces;
import org.fer4j.evaluation.DisentanglementProbes;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.MeanStd;
import org.fer4j.evaluation.PairedComparison;
import org.fer4j.evaluation.ProbeScores;
import org.fer4j.experiments.ResumeCheck;
import org.fer4j.experiments.CrossValidation;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.experiments.FoldsFile;
import org.fer4j.experiments.Protocol;
import org.fer4j.experiments.Variant;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.PretrainedWeights;
import org.fer4j.runs.RunLock;
import org.fer4j.runs.RunLog;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.StopRequest;

/**
 * What train, cv, ablation and demo share: list and load the dataset, draw subject-independent folds,
 * write the resolved configuration and folds into the run folder, run variants on the same folds,
 * and print the Table 4 layout.
 */
final class Experiment {
    static final String PRETRAINED_REPORT = "pretrained.json";
    private final String command;
    private final DataOptions data;
    private final ModelOptions model;
    private final TrainOptions train;
    private final PrintWriter out;
    private final PrintWriter err;
    /** What the pretrained weights (if any) loaded into, checked before the run folder is made. */
    private PretrainedWeights.Report pretrained;
    /** The row the others are compared with; the first when null. */
    private String against;
    /** Also the INLP reference on z_n in the probes. */
    private boolean inlp;

    Experiment(String command, DataOptions data, ModelOptions model, TrainOptions train, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.data = data;
        this.model = model;
        this.train = train;
        this.out = out;
        this.err = err;
    }

    /** Per-variant outcomes, in order. */
    record Outcomes(Path runDir, List<CrossValidation.Outcome> outcomes, double seconds,
                    List<PairedComparison> comparisons) {
    }

    /** Compares every other row with the variant named {@code name} (default: the first row). */
    Experiment against(String name) {
        this.against = name;
        return this;
    }

    /** Adds the INLP reference (linear removal of the expression from z_n) to the probes (--inlp). */
    Experiment inlp(boolean inlp) {
        this.inlp = inlp;
        return this;
    }

    /**
     * Every row against {@code against} (the first row, the ablation's baseline, when null) on the same
     * folds; none with one row or one fold.
     */
    static List<PairedComparison> compare(List<CrossValidation.Outcome> outcomes, double testTrainRatio, String against) {
        List<PairedComparison> out = new ArrayList<>();
        if (outcomes.size() < 2 || outcomes.get(0).folds().size() < 2) {
            return out;
        }
        CrossValidation.Outcome base = outcomes.stream().filter(o -> o.variant().equals(against)).findFirst()
                .orElse(outcomes.get(0));
        double[] b = base.folds().stream().mapToDouble(EvaluationResult::accuracy).toArray();
        for (CrossValidation.Outcome o : outcomes) {
            if (o == base) {
                continue;
            }
            out.add(PairedComparison.of(o.variant(), base.variant(),
                    o.folds().stream().mapToDouble(EvaluationResult::accuracy).toArray(), b, testTrainRatio));
        }
        return out;
    }

    /** n_test / n_train averaged over the folds: the corrected t-test's correction term. */
    static double testTrainRatio(FaceStore store, List<FoldSubjects> folds) {
        double sum = 0;
        for (FoldSubjects f : folds) {
            sum += (double) FoldSubjects.indices(store, f.test()).length
                    / Math.max(1, FoldSubjects.indices(store, f.train()).length);
        }
        return sum / Math.max(1, folds.size());
    }

    Outcomes run(List<Variant> variants, int folds, int foldsToRun, Path outDir, boolean resume, boolean progress)
            throws IOException {
        return run(variants, folds, foldsToRun, outDir, resume, progress, false);
    }

    /** @param probeAll run the disentanglement probes for every row, not only the adversarial ones */
    Outcomes run(List<Variant> variants, int folds, int foldsToRun, Path outDir, boolean resume, boolean progress,
                 boolean probeAll) throws IOException {
        long start = System.nanoTime();
        // Validate every option before any data is read or folder written.
        if (train.config().normalisation() == org.fer4j.training.TrainConfig.Normalisation.DATASET
                && model.backboneKind() == org.fer4j.models.BackboneKind.FACE_RESNET) {
            throw new IllegalArgumentException("--normalise dataset re-standardises the inputs, but --backbone face-resnet"
                    + " starts from face-api's trained trunk, which expects face-api's own input, (rgb - mean)/255;"
                    + " drop --normalise dataset");
        }
        variants.forEach(v -> train.selfPaced(v.selfPaced()));
        model.preprocessing();
        variants.forEach(v -> model.spec(v.kind(), LabelSet.CK_PLUS_7, v.options()));
        if (inlp && variants.stream().noneMatch(v -> (probeAll || v.kind().definition().probedByDefault())
                && v.kind().definition().network(model.spec(v.kind(), LabelSet.CK_PLUS_7, v.options()))
                .representations().containsKey(DisentanglementProbes.Z_N))) {
            throw new IllegalArgumentException("--inlp removes the expression from z_n, but no row here is probed with"
                    + " a z_n (only --model adversarial has one); rows: " + variants.stream().map(Variant::name).toList());
        }
        boolean anyPaired = variants.stream().anyMatch(v -> v.kind().needsNeutral());
        checkTrainingMemory(variants);
        Dataset ds = data.list(train.seed, err);
        ds = DataOptions.requireNeutralIfPaired(ds, anyPaired, data.strict, err);
        ds.requireTrainable();
        List<FoldSubjects> foldList = data.folds(ds, folds, train.seed, train.valFraction);
        if (foldsToRun > 0 && foldsToRun < foldList.size()) {
            foldList = foldList.subList(0, foldsToRun);
        }
        this.pretrained = checkPretrained(variants.get(0), ds); // a file that does not fit fails before a folder is made
        Path runDir = RunFolders.resolve(outDir, command + "-" + (variants.size() == 1 ? variants.get(0).kind() : "ablation"), resume);
        try (RunLock lock = RunLock.acquire(runDir); Interrupts interrupts = Interrupts.install(err)) {
            if (lock.previousHolder() != null) {
                err.println("fer4j: " + runDir + ": took over the run folder from " + lock.previousHolder()
                        + " (no longer running)");
            }
            return run(variants, runDir, foldList, ds, resume, progress, probeAll, start, interrupts.stopRequest());
        } catch (StopRequest.TrainingStoppedException e) {
            err.println("fer4j: " + e.getMessage());
            err.println("fer4j: continue with: fer4j " + command + " <the same options> --resume --out " + runDir);
            err.flush();
            throw e;
        }
    }

    private Outcomes run(List<Variant> variants, Path runDir, List<FoldSubjects> foldList, Dataset ds, boolean resume,
                         boolean progress, boolean probeAll, long start, StopRequest stop) throws IOException {
        out.printf(Locale.ROOT, "%s: %d samples, %d subjects, %d classes %s; %s, %d fold(s); run folder %s%n", ds.name(),
                ds.size(), ds.subjects().size(), ds.labels().size(), ds.labels().names(),
                data.protocolFor(ds) == Protocol.SPLIT ? "official split" : "subject folds", foldList.size(), runDir);
        out.flush();
        PretrainedWeights.Report pretrained = this.pretrained;
        List<CrossValidation.Outcome> outcomes = new ArrayList<>();
        try (FaceStore store = data.cache.stores().open(ds, model.preprocessing(), data.strict, err)) {
            DataOptions.reportSkipped(store.skipped(), err);
            RunLog root = new RunLog(runDir);
            String fingerprint = ResumeCheck.fingerprint(ds);
            if (resume) {
                // Before anything is rewritten: a refused resume leaves the run folder as it was.
                for (Variant v : variants) {
                    Path configFile = (variants.size() == 1 ? runDir : runDir.resolve(slug(v.name()))).resolve(RunLog.CONFIG);
                    Map<String, Object> now = config(ds, model.spec(v.kind(), ds.labels(), v.options()), v,
                            train.selfPaced(v.selfPaced()), foldList, store, fingerprint);
                    List<String> forced = ResumeCheck.require(configFile, now, train.forceResume);
                    forced.forEach(c -> err.println("fer4j: --force-resume: continuing although " + c));
                }
                err.flush();
            }
            root.writeJson(RunLog.FOLDS, foldList);
            if (pretrained != null) {
                root.writeJson(PRETRAINED_REPORT, pretrained);
            }
            List<Map<String, Object>> variantRows = new ArrayList<>();
            for (Variant v : variants) {
                ModelSpec spec = model.spec(v.kind(), ds.labels(), v.options());
                SelfPacedConfig spl = train.selfPaced(v.selfPaced());
                RunLog log = variants.size() == 1 ? root : new RunLog(runDir.resolve(slug(v.name())));
                log.writeJson(RunLog.CONFIG, config(ds, spec, v, spl, foldList, store, fingerprint));
                if (variants.size() > 1) {
                    log.writeJson(RunLog.FOLDS, foldList);
                }
                Map<String, String> trainedOn = Map.of("dataset", ds.name(), "dataset_fingerprint", fingerprint,
                        "seed", Long.toString(train.seed), "code_version", Versions.fer4j());
                CrossValidation.Outcome o = CrossValidation.run(v.name(), store, spec, train.config(), spl, foldList,
                        log, trainedOn, extraListeners(progress, stop), true, resume, probeAll || v.kind().definition().probedByDefault(),
                        inlp, new java.io.PrintStream(System.out, true));
                outcomes.add(o);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", v.name());
                row.put("model", v.kind().cliName());
                row.put("spl", v.selfPaced());
                row.put("accuracy_mean", o.accuracy().mean());
                row.put("accuracy_std", o.accuracy().std());
                row.put("macro_f1_mean", o.macroF1().mean());
                row.put("fold_accuracy", o.folds().stream().map(r -> r.accuracy()).toList());
                row.put("seconds", o.seconds());
                if (!o.probes().isEmpty()) {
                    row.put("probes", CrossValidation.probeSummary(o.probes()));
                }
                row.put("run_dir", variants.size() == 1 ? "." : slug(v.name()));
                variantRows.add(row);
                Reports.tryWrite(log.dir(), err);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<PairedComparison> comparisons = compare(outcomes, testTrainRatio(store, foldList), against);
            if (variants.size() > 1) {
                root.writeJson("ablation.json", Map.of("variants", variantRows, "folds", foldList.size(),
                        "repeats", data.repeats, "comparisons", comparisons, "dataset", ds.name(),
                        "wall_seconds", seconds));
                Reports.tryWrite(runDir, err);
            }
            return new Outcomes(runDir, outcomes, seconds, comparisons);
        }
    }

    /**
     * Refuses, with the numbers, a batch whose training activations cannot fit in the machine's memory
     * (libtorch allocates outside the Java heap, so this would otherwise end in an out-of-memory kill
     * mid-epoch). ResNet-18 keeps about 1.6 kB per input pixel per unit of width for the backward pass;
     * paired and two-backbone models run two images per sample.
     */
    private void checkTrainingMemory(List<Variant> variants) {
        long physical = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        int size = model.preprocessing().size();
        for (Variant v : variants) {
            int images = train.config().batchSize() * (v.kind().needsNeutral() || v.kind() == org.fer4j.models.ModelKind.SPNDL_NO_NEUTRAL ? 2 : 1);
            double bytes = 1600.0 * Math.max(model.width, 0.0625) * size * size * images;
            if (bytes > 0.9 * physical) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--batch-size %d at --image-size %d and"
                        + " --width %s needs about %.1f GB for training (%s: %d images per step), more than this"
                        + " machine's %.1f GB; use a smaller --batch-size or --image-size", train.config().batchSize(),
                        size, model.width, bytes / 1e9, v.kind().cliName(), images, physical / 1e9));
            }
        }
    }

    /** The progress bar, if asked for, then the stop on SIGINT/SIGTERM (last: it acts after a checkpoint). */
    private static List<org.fer4j.training.TrainingListener> extraListeners(boolean progress, StopRequest stop) {
        List<org.fer4j.training.TrainingListener> l = new ArrayList<>();
        if (progress) {
            l.add(new ProgressBarListener());
        }
        l.add(stop);
        return l;
    }

    /**
     * Loads the pretrained weights once before any data is read, so a file that does not fit fails
     * fast; prints what was loaded, missing, mis-shaped or unexpected.
     */
    private PretrainedWeights.Report checkPretrained(Variant v, Dataset ds) {
        if (model.pretrained == null && model.backboneKind() != org.fer4j.models.BackboneKind.FACE_RESNET) {
            return null;
        }
        ModelSpec spec = model.spec(v.kind(), ds.labels(), v.options());
        try (FerModel m = FerModel.create(spec, train.seed)) {
            err.println("fer4j: " + m.pretrainedReport().summary());
            err.flush();
            return m.pretrainedReport();
        }
    }

    private Map<String, Object> config(Dataset ds, ModelSpec spec, Variant v, SelfPacedConfig spl, List<FoldSubjects> folds,
                                       FaceStore store, String datasetFingerprint) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", command);
        c.put("variant", v.name());
        c.put("seed", train.seed);
        c.put("model", spec);
        c.put("train", train.config());
        c.put("self_paced", spl);
        c.put("dataset", Map.of("name", ds.name(), "root", String.valueOf(data.root), "samples", ds.size(),
                "subjects", ds.subjects().size(), "pairs", ds.pairs(), "per_class", ds.countsPerClass(),
                "skipped", ds.skipped().size()));
        c.put("protocol", data.protocolFor(ds).id());
        c.put("folds", folds.size());
        c.put("fold_samples", foldSamples(ds, folds));
        c.put("face_store", store instanceof CachedFaces cached
                ? Map.of("kind", "cache", "folder", cached.stats().folder().toString()) : Map.of("kind", "memory"));
        c.put("dataset_fingerprint", datasetFingerprint);
        c.put("fold_subjects", folds);
        c.put("folds_hash", FoldsFile.hash(folds));
        if (data.foldsFile != null) {
            c.put("folds_file", data.foldsFile.toAbsolutePath().normalize().toString());
        }
        c.put("code_version", Versions.fer4j());
        c.put("versions", Versions.all());
        return c;
    }

    /** Samples per class in each fold's train, validation and test parts (for the report's fold summary). */
    private static List<Map<String, Object>> foldSamples(Dataset ds, List<FoldSubjects> folds) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FoldSubjects f : folds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fold", f.index());
            m.put("train", perClass(ds.filter(s -> f.train().contains(Dataset.subjectOf(s)))));
            m.put("validation", perClass(ds.filter(s -> f.validation().contains(Dataset.subjectOf(s)))));
            m.put("test", perClass(ds.filter(s -> f.test().contains(Dataset.subjectOf(s)))));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Integer> perClass(Dataset part) {
        Map<String, Integer> m = new LinkedHashMap<>();
        part.countsPerClass().forEach((e, n) -> m.put(e.canonicalName(), n));
        return m;
    }

    /**
     * Prints the paper's Table 4 layout: one row per variant, mean ± std accuracy over folds; where
     * probes ran, their mean test accuracies beside it (expression and identity read from z_e and z_n).
     */
    void printTable(Outcomes o) {
        printTable(o.outcomes());
        for (PairedComparison c : o.comparisons()) {
            out.printf(Locale.ROOT, "%s vs %s: %+.1f points, 95%% CI [%+.1f, %+.1f], p = %.3g (corrected resampled t-test,"
                    + " %d paired folds)%n", c.row(), c.against(), 100 * c.meanDifference(), 100 * c.low(), 100 * c.high(),
                    c.p(), c.n());
        }
        out.flush();
    }

    void printTable(List<CrossValidation.Outcome> outcomes) {
        int w = Math.max(10, outcomes.stream().mapToInt(o -> o.variant().length()).max().orElse(10));
        boolean probes = outcomes.stream().anyMatch(o -> !o.probes().isEmpty());
        boolean projected = outcomes.stream().flatMap(o -> o.probes().stream())
                .anyMatch(p -> p.expression().containsKey(DisentanglementProbes.Z_N_INLP));
        String probeHead = probes ? String.format(Locale.ROOT, "  %-8s %-8s %-8s %-8s", "expr|ze", "expr|zn", "id|ze", "id|zn")
                + (projected ? String.format(Locale.ROOT, " %-8s %-8s", "expr|znP", "id|znP") : "") : "";
        out.printf(Locale.ROOT, "%n%-" + w + "s  %-16s  %-16s%s  %s%n", "method", "accuracy (%)", "macro-F1 (%)",
                probeHead, "per fold");
        for (CrossValidation.Outcome o : outcomes) {
            StringBuilder folds = new StringBuilder();
            o.folds().forEach(r -> folds.append(String.format(Locale.ROOT, "%.1f ", 100 * r.accuracy())));
            String probeCells = probes ? "  " + probeCell(o, "expression", "z_e") + probeCell(o, "expression", "z_n")
                    + probeCell(o, "subject", "z_e") + probeCell(o, "subject", "z_n")
                    + (projected ? probeCell(o, "expression", DisentanglementProbes.Z_N_INLP)
                    + probeCell(o, "subject", DisentanglementProbes.Z_N_INLP) : "") : "";
            out.printf(Locale.ROOT, "%-" + w + "s  %-16s  %-16s%s  %s%n", o.variant(), o.accuracy().percent(),
                    o.macroF1().percent(), probeCells, folds.toString().trim());
        }
        if (probes) {
            List<ProbeScores> all = outcomes.stream().flatMap(o -> o.probes().stream()).toList();
            MeanStd subjectChance = ProbeScores.chance(all, "subject");
            out.printf(Locale.ROOT, "probes: linear, test accuracy (%%); expression fitted on the training part, identity on"
                    + " half of each test subject's images; chance: expression %.1f%s; a model without z_e/z_n shows its"
                    + " features under z_e%n", 100 * ProbeScores.chance(all, "expression").mean(),
                    subjectChance.n() > 0 ? String.format(Locale.ROOT, ", identity %.1f", 100 * subjectChance.mean()) : "");
        }
        if (projected) {
            out.printf(Locale.ROOT, "znP: z_n after INLP (iterative nullspace projection, fitted on the training part's"
                    + " z_n) removed what a linear probe reads of the expression; the non-adversarial reference%n");
            for (CrossValidation.Outcome o : outcomes) {
                MeanStd rank = ProbeScores.summarise(o.probes(), ProbeScores::inlpRank);
                if (rank.n() == 0) {
                    continue;
                }
                MeanStd rec = ProbeScores.summarise(o.probes(), ProbeScores::reconstruction);
                out.printf(Locale.ROOT, "  %s: INLP removed %.1f direction(s)%s%n", o.variant(), rank.mean(), rec.n() == 0 ? ""
                        : String.format(Locale.ROOT, "; reconstruction MSE %.4f from z_n, %.4f from znP", rec.mean(),
                        ProbeScores.summarise(o.probes(), ProbeScores::reconstructionInlp).mean()));
            }
        }
        out.flush();
    }

    private static String probeCell(CrossValidation.Outcome o, String target, String rep) {
        MeanStd s = ProbeScores.summarise(o.probes(), target, rep);
        if (s.n() == 0 && "z_e".equals(rep)) {
            s = ProbeScores.summarise(o.probes(), target, "features");
        }
        return String.format(Locale.ROOT, "%-8s ", s.n() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100 * s.mean()));
    }

    /** Prints one run's probe scores under its evaluation table (train command). */
    void printProbes(CrossValidation.Outcome o) {
        if (o.probes().isEmpty()) {
            return;
        }
        ProbeScores p = o.probes().get(0);
        out.println("disentanglement probes (linear, test accuracy):");
        p.expression().forEach((r, v) -> out.printf(Locale.ROOT, "  expression from %-8s %.4f%n", r, v));
        out.printf(Locale.ROOT, "  expression chance      %.4f  (fitted on %d training, scored on %d test samples)%n",
                p.expressionChance(), p.expressionFit(), p.expressionScored());
        p.subject().forEach((r, v) -> out.printf(Locale.ROOT, "  identity from %-10s %.4f%n", r, v));
        if (p.subjectChance() != null) {
            out.printf(Locale.ROOT, "  identity chance        %.4f  (%d test subjects, fitted on %d, scored on %d images)%n",
                    p.subjectChance(), p.subjects(), p.subjectFit(), p.subjectScored());
        } else {
            out.println("  identity: not probed (subjects unknown or fewer than two test subjects with two images)");
        }
        out.flush();
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
