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

/** {@code fer4j train}: one model on one subject-disjoint split (fold 0 of k), with checkpoints and resume. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one model on a subject-disjoint train/test split; writes a run folder with the model, metrics and report.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DataOptions data;
    @Mixin
    ModelOptions model;
    @Mixin
    TrainOptions train;

    @Option(names = "--holdout-folds", defaultValue = "5", description = "The test part is one fold of this many subject folds (default: ${DEFAULT-VALUE}, i.e. 20 %% of subjects).")
    @Range(min = 2, max = 10_000, why = "the test part is one of this many subject folds")
    int holdoutFolds;

    @Option(names = "--out", description = "Run folder (default: runs/<time>-train-<model>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Experiment e = new Experiment("train", data, model, train, spec.commandLine().getOut(), spec.commandLine().getErr());
        Variant v = new Variant(model.kind().cliName() + (train.spl ? " + SPL" : ""), model.kind(), train.spl);
        Experiment.Outcomes o = e.run(List.of(v), holdoutFolds, 1, out, resume, !noProgress);
        var result = o.outcomes().get(0).folds().get(0);
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().print(result.toTable());
        e.printProbes(o.outcomes().get(0));
        spec.commandLine().getOut().println("run folder: " + o.runDir().toAbsolutePath());
        spec.commandLine().getOut().println("model:      " + o.runDir().resolve("fold-0/model").toAbsolutePath());
        return 0;
    }
}
