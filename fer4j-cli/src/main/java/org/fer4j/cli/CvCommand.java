package org.fer4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fer4j.experiments.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fer4j cv}: the papers' subject-independent k-fold protocol for any model, with or without SPL. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Subject-independent k-fold cross-validation (10 folds for CK+ and Oulu-CASIA; --folds 0 = leave one subject out).")
public final class CvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DataOptions data;
    @Mixin
    ModelOptions model;
    @Mixin
    TrainOptions train;

    @Option(names = "--folds", defaultValue = "10", description = "Number of subject folds; 0 = leave-one-subject-out (default: ${DEFAULT-VALUE}).")
    @Range(min = 2, max = 10_000, also = 0, why = "0: leave one subject out")
    int folds;

    @Option(names = "--out", description = "Run folder (default: runs/<time>-cv-<model>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out (finished folds are retrained from their last checkpoint, which is the end).")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--inlp", description = "Also probe z_n after INLP (iterative nullspace projection, fitted on the"
            + " training part) has linearly removed the expression: the non-adversarial reference, with its cost to"
            + " identity and reconstruction (adversarial rows only).")
    boolean inlp;

    @Override
    public Integer call() throws Exception {
        Experiment e = new Experiment("cv", data, model, train, spec.commandLine().getOut(), spec.commandLine().getErr());
        Variant v = new Variant(model.kind().cliName() + (train.spl ? " + SPL" : ""), model.kind(), train.spl);
        Experiment.Outcomes o = e.inlp(inlp).run(List.of(v), folds, 0, out, resume, !noProgress);
        e.printTable(o);
        spec.commandLine().getOut().printf("wall time %.0f s; run folder %s%n", o.seconds(), o.runDir().toAbsolutePath());
        return 0;
    }
}
