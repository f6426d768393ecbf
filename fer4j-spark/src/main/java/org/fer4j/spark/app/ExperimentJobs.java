package org.fer4j.spark.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.PairedComparison;
import org.fer4j.experiments.CrossValidation;
import org.fer4j.spark.cv.DistributedCrossValidation;
import org.fer4j.spark.cv.ExperimentOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cv} and {@code ablation}: the CLI's experiments with every (row, fold) a Spark task. */
final class ExperimentJobs {
    private ExperimentJobs() {
    }

    @Command(name = "cv", mixinStandardHelpOptions = true,
            description = "Subject-independent k-fold cross-validation, each fold a Spark task (fer4j cv's options).")
    static final class Cv implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ExperimentFlags flags;
        @Option(names = "--folds", defaultValue = "10", description = "Subject folds; 0 = leave one subject out (default: ${DEFAULT-VALUE}).")
        int folds;

        @Override
        public Integer call() throws IOException {
            return run(spec, flags, flags.builder(ExperimentOptions.Command.CV).optFolds(folds).build());
        }
    }

    @Command(name = "ablation", mixinStandardHelpOptions = true,
            description = "The paper's ablation (Table 4) on the same folds, each (row, fold) a Spark task (fer4j ablation's options).")
    static final class Ablation implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ExperimentFlags flags;
        @Option(names = "--folds", defaultValue = "5", description = "Subject folds (default: ${DEFAULT-VALUE}).")
        int folds;
        @Option(names = "--max-folds", defaultValue = "0", description = "Run only the first N folds (0 = all).")
        int maxFolds;
        @Option(names = "--variants", split = ",", description = "Subset of rows: baseline, spl, ndf, spndl, nn (default: all).")
        List<String> variants;
        @Option(names = "--against", description = "The row every other row is compared with (default: the first).")
        String against;

        @Override
        public Integer call() throws IOException {
            return run(spec, flags, flags.builder(ExperimentOptions.Command.ABLATION).optFolds(folds).optMaxFolds(maxFolds)
                    .optVariants(variants).optAgainst(against).build());
        }
    }

    private static int run(CommandSpec spec, ExperimentFlags flags, ExperimentOptions options) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        DistributedCrossValidation.Outcome o = DistributedCrossValidation.run(Jobs.session("fer4j " + spec.name()),
                options, flags.out, flags.resume, DistributedCrossValidation.Execution.threads(flags.threadsPerTask),
                line -> {
                    out.println("fer4j-spark: " + line);
                    out.flush();
                });
        out.printf(Locale.ROOT, "%n%-28s %-16s %-16s %s%n", "method", "accuracy (%)", "macro-F1 (%)", "per fold");
        for (CrossValidation.Outcome row : o.outcomes()) {
            StringBuilder folds = new StringBuilder();
            for (EvaluationResult r : row.folds()) {
                folds.append(String.format(Locale.ROOT, "%.1f ", 100 * r.accuracy()));
            }
            out.printf(Locale.ROOT, "%-28s %-16s %-16s %s%n", row.variant(), row.accuracy().percent(),
                    row.macroF1().percent(), folds.toString().trim());
        }
        for (PairedComparison c : o.comparisons()) {
            out.printf(Locale.ROOT, "%s vs %s: %+.1f points, 95%% CI [%+.1f, %+.1f], p = %.3g (%d paired folds)%n", c.row(),
                    c.against(), 100 * c.meanDifference(), 100 * c.low(), 100 * c.high(), c.p(), c.n());
        }
        out.printf(Locale.ROOT, "wall time %.0f s, %d fold task(s); run folder %s (report: fer4j report %s)%n",
                o.seconds(), o.tasksRun(), o.runDir(), o.runDir());
        out.flush();
        return 0;
    }
}
