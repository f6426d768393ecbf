package org.fer4j.spark.cv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.Dataset;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.PairedComparison;
import org.fer4j.experiments.CrossValidation;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.experiments.Variant;

/** The summary files a run with several rows writes beside their folders: the comparisons and {@code ablation.json}. */
final class Ablations {
    private Ablations() {
    }

    /** Every row's paired difference to {@code against} (the first row when null) over the same folds; none for one row or fold. */
    static List<PairedComparison> compare(List<CrossValidation.Outcome> rows, double testTrainRatio, String against) {
        List<PairedComparison> out = new ArrayList<>();
        if (rows.size() < 2 || rows.get(0).folds().size() < 2) {
            return out;
        }
        CrossValidation.Outcome base = rows.stream().filter(o -> o.variant().equals(against)).findFirst().orElse(rows.get(0));
        for (CrossValidation.Outcome o : rows) {
            if (o != base) {
                out.add(PairedComparison.of(o.variant(), base.variant(), accuracies(o), accuracies(base), testTrainRatio));
            }
        }
        return out;
    }

    private static double[] accuracies(CrossValidation.Outcome o) {
        return o.folds().stream().mapToDouble(EvaluationResult::accuracy).toArray();
    }

    /** Test over training samples, averaged over the folds: the corrected resampled t-test's n2/n1. */
    static double testTrainRatio(Dataset ds, List<FoldSubjects> folds) {
        double sum = 0;
        for (FoldSubjects f : folds) {
            long test = ds.samples().stream().filter(s -> f.test().contains(Dataset.subjectOf(s))).count();
            long train = ds.samples().stream().filter(s -> f.train().contains(Dataset.subjectOf(s))).count();
            sum += (double) test / Math.max(1, train);
        }
        return sum / Math.max(1, folds.size());
    }

    /** {@code ablation.json}: a line per row (its folder, mean accuracy and per-fold accuracies) and the comparisons. */
    static Map<String, Object> summary(Experiment e, List<CrossValidation.Outcome> outcomes,
                                       List<PairedComparison> comparisons, double seconds) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Variant v = e.variants().get(i);
            CrossValidation.Outcome o = outcomes.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", v.name());
            row.put("model", v.kind().cliName());
            row.put("spl", v.selfPaced());
            row.put("accuracy_mean", o.accuracy().mean());
            row.put("accuracy_std", o.accuracy().std());
            row.put("macro_f1_mean", o.macroF1().mean());
            row.put("fold_accuracy", o.folds().stream().map(EvaluationResult::accuracy).toList());
            row.put("seconds", o.seconds());
            if (!o.probes().isEmpty()) {
                row.put("probes", CrossValidation.probeSummary(o.probes()));
            }
            row.put("run_dir", RunAssembly.slug(v.name()));
            rows.add(row);
        }
        return Map.of("variants", rows, "folds", e.folds().size(), "repeats", e.options().repeats, "comparisons",
                comparisons, "dataset", e.dataset().name(), "wall_seconds", seconds);
    }

    /** Samples per class in each fold's train, validation and test parts (the report's fold summary). */
    static List<Map<String, Object>> foldSamples(Dataset ds, List<FoldSubjects> folds) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FoldSubjects f : folds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fold", f.index());
            m.put("train", perClass(ds, f.train()));
            m.put("validation", perClass(ds, f.validation()));
            m.put("test", perClass(ds, f.test()));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Integer> perClass(Dataset ds, java.util.Set<String> subjects) {
        Map<String, Integer> m = new LinkedHashMap<>();
        ds.filter(s -> subjects.contains(Dataset.subjectOf(s))).countsPerClass().forEach((c, n) -> m.put(c.canonicalName(), n));
        return m;
    }
}
