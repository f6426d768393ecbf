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
import org.fer4j.data.cache.CachedFaces;
import org.fer4j.experiments.CrossValidation;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.experiments.Variant;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.weights.PretrainedWeights;
import org.fer4j.training.RunLog;
import org.fer4j.training.SelfPacedConfig;

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

    Experiment(String command, DataOptions data, ModelOptions model, TrainOptions train, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.data = data;
        this.model = model;
        this.train = train;
        this.out = out;
        this.err = err;
    }

    /** Per-variant outcomes, in order. */
    record Outcomes(Path runDir, List<CrossValidation.Outcome> outcomes, double seconds) {
    }

    Outcomes run(List<Variant> variants, int folds, int foldsToRun, Path outDir, boolean resume, boolean progress)
            throws IOException {
        long start = System.nanoTime();
        // Validate every option before any data is read or folder written.
        train.config();
        variants.forEach(v -> train.selfPaced(v.selfPaced()));
        model.preprocessing();
        boolean anyPaired = variants.stream().anyMatch(v -> v.kind().needsNeutral());
        Dataset ds = data.list(train.seed, err);
        ds = DataOptions.requireNeutralIfPaired(ds, anyPaired, data.strict, err);
        ds.requireTrainable();
        Path runDir = RunFolders.resolve(outDir, command + "-" + (variants.size() == 1 ? variants.get(0).kind() : "ablation"), resume);
        List<FoldSubjects> foldList = Folds.make(ds, folds, train.seed, train.valFraction);
        if (foldsToRun > 0 && foldsToRun < foldList.size()) {
            foldList = foldList.subList(0, foldsToRun);
        }
        out.printf(Locale.ROOT, "%s: %d samples, %d subjects, %d classes %s; %d fold(s); run folder %s%n", ds.name(),
                ds.size(), ds.subjects().size(), ds.labels().size(), ds.labels().names(), foldList.size(), runDir);
        out.flush();
        PretrainedWeights.Report pretrained = checkPretrained(variants.get(0), ds);
        List<CrossValidation.Outcome> outcomes = new ArrayList<>();
        try (FaceStore store = data.cache.stores().open(ds, model.preprocessing(), data.strict, err)) {
            DataOptions.reportSkipped(store.skipped(), err);
            RunLog root = new RunLog(runDir);
            root.writeJson(RunLog.FOLDS, foldList);
            if (pretrained != null) {
                root.writeJson(PRETRAINED_REPORT, pretrained);
            }
            List<Map<String, Object>> variantRows = new ArrayList<>();
            for (Variant v : variants) {
                ModelSpec spec = model.spec(v.kind(), ds.labels());
                SelfPacedConfig spl = train.selfPaced(v.selfPaced());
                RunLog log = variants.size() == 1 ? root : new RunLog(runDir.resolve(slug(v.name())));
                log.writeJson(RunLog.CONFIG, config(ds, spec, v, spl, foldList.size(), store));
                if (variants.size() > 1) {
                    log.writeJson(RunLog.FOLDS, foldList);
                }
                CrossValidation.Outcome o = CrossValidation.run(v.name(), store, spec, train.config(), spl, foldList,
                        log, progress, true, resume, new java.io.PrintStream(System.out, true));
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
                row.put("run_dir", variants.size() == 1 ? "." : slug(v.name()));
                variantRows.add(row);
                Reports.tryWrite(log.dir(), err);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (variants.size() > 1) {
                root.writeJson("ablation.json", Map.of("variants", variantRows, "folds", foldList.size(),
                        "dataset", ds.name(), "wall_seconds", seconds));
                Reports.tryWrite(runDir, err);
            }
            return new Outcomes(runDir, outcomes, seconds);
        }
    }

    /**
     * Loads the pretrained weights once before any data is read, so a file that does not fit fails
     * fast; prints what was loaded, missing, mis-shaped or unexpected.
     */
    private PretrainedWeights.Report checkPretrained(Variant v, Dataset ds) {
        ModelSpec spec = model.spec(v.kind(), ds.labels());
        if (model.pretrained == null) {
            return null;
        }
        try (FerModel m = FerModel.create(spec, train.seed)) {
            err.println("fer4j: " + m.pretrainedReport().summary());
            err.flush();
            return m.pretrainedReport();
        }
    }

    private Map<String, Object> config(Dataset ds, ModelSpec spec, Variant v, SelfPacedConfig spl, int folds,
                                       FaceStore store) {
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
        c.put("folds", folds);
        c.put("face_store", store instanceof CachedFaces cached
                ? Map.of("kind", "cache", "folder", cached.stats().folder().toString()) : Map.of("kind", "memory"));
        c.put("versions", Versions.all());
        return c;
    }

    /** Prints the paper's Table 4 layout: one row per variant, mean ± std accuracy over folds. */
    void printTable(List<CrossValidation.Outcome> outcomes) {
        int w = Math.max(10, outcomes.stream().mapToInt(o -> o.variant().length()).max().orElse(10));
        out.printf(Locale.ROOT, "%n%-" + w + "s  %-16s  %-16s  %s%n", "method", "accuracy (%)", "macro-F1 (%)", "per fold");
        for (CrossValidation.Outcome o : outcomes) {
            StringBuilder folds = new StringBuilder();
            o.folds().forEach(r -> folds.append(String.format(Locale.ROOT, "%.1f ", 100 * r.accuracy())));
            out.printf(Locale.ROOT, "%-" + w + "s  %-16s  %-16s  %s%n", o.variant(), o.accuracy().percent(),
                    o.macroF1().percent(), folds.toString().trim());
        }
        out.flush();
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
