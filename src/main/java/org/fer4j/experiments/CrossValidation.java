package org.fer4j.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceStore;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.MeanStd;
import org.fer4j.models.ModelSpec;
import org.fer4j.training.RunLog;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingLoop;

/**
 * Runs one variant over subject-independent folds and summarises accuracy as mean ± std, the papers'
 * protocol. Each fold trains a fresh model with the same seed, so variants compared on the same folds
 * differ only in the method.
 */
public final class CrossValidation {

    /** Per-fold results and their summary. */
    public record Outcome(String variant, List<EvaluationResult> folds, MeanStd accuracy, MeanStd macroF1,
                          double seconds) {
    }

    private CrossValidation() {
    }

    public static Outcome run(String variantName, FaceStore store, ModelSpec spec, TrainConfig train,
                              SelfPacedConfig spl, List<FoldSubjects> folds, RunLog log, boolean progress,
                              boolean saveFeatures, PrintStream out) throws IOException {
        return run(variantName, store, spec, train, spl, folds, log, progress, saveFeatures, false, out);
    }

    public static Outcome run(String variantName, FaceStore store, ModelSpec spec, TrainConfig train,
                              SelfPacedConfig spl, List<FoldSubjects> folds, RunLog log, boolean progress,
                              boolean saveFeatures, boolean resume, PrintStream out) throws IOException {
        long start = System.nanoTime();
        List<EvaluationResult> results = new ArrayList<>();
        for (FoldSubjects fold : folds) {
            int[] tr = FoldSubjects.indices(store, fold.train());
            int[] va = FoldSubjects.indices(store, fold.validation());
            int[] te = FoldSubjects.indices(store, fold.test());
            TrainingLoop loop = new TrainingLoop(spec, train, spl, store, log,
                    new TrainingLoop.Options(fold.index(), resume, progress, saveFeatures && fold.index() == 0, 64));
            try (TrainingLoop.Result r = loop.fit(tr, va, te)) {
                results.add(r.test());
                if (out != null) {
                    out.printf(java.util.Locale.ROOT, "%s fold %d: accuracy %.4f (train %d, val %d, test %d, %.0f s)%n",
                            variantName, fold.index(), r.test().accuracy(), tr.length, va.length, te.length, r.seconds());
                }
            }
        }
        MeanStd acc = MeanStd.of(results.stream().map(EvaluationResult::accuracy).toList());
        MeanStd f1 = MeanStd.of(results.stream().map(EvaluationResult::macroF1).toList());
        Outcome outcome = new Outcome(variantName, results, acc, f1, (System.nanoTime() - start) / 1e9);
        log.writeJson(RunLog.RESULTS, Map.of("variant", variantName, "accuracy_mean", acc.mean(),
                "accuracy_std", acc.std(), "macro_f1_mean", f1.mean(), "macro_f1_std", f1.std(),
                "fold_accuracy", results.stream().map(EvaluationResult::accuracy).toList(),
                "seconds", outcome.seconds()));
        return outcome;
    }
}
