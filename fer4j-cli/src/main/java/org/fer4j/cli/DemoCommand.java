package org.fer4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fer4j.experiments.Variant;
import org.fer4j.models.ModelKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fer4j demo}: the main job on the built-in synthetic faces — baseline and SPNDL trained and
 * evaluated side by side on the same subject-disjoint split, in a few minutes on two CPU cores.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate synthetic paired faces, train baseline and SPNDL on a subject-disjoint split, print both.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "Run folder (default: runs/<time>-demo-ablation).")
    Path out;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--epochs", description = "Override the demo's epochs.")
    @Range(min = 1, max = 100_000)
    Integer epochs;

    @Option(names = "--video", description = "Then render the test subjects into a video and run the video path on it:"
            + " baseline vs SPNDL calibrated on an automatically chosen neutral frame vs SPNDL with the true neutral.")
    boolean video;

    @Option(names = "--subjects", defaultValue = "100", description = "Synthetic subjects (default: ${DEFAULT-VALUE}).")
    @Range(min = 10, max = 100_000)
    int subjects;

    @Override
    public Integer call() throws Exception {
        DataOptions data = new DataOptions();
        ModelOptions model = new ModelOptions();
        TrainOptions train = new TrainOptions();
        // Populate the mixins' defaults exactly as the train command would.
        new CommandLine(new Object() {
            @CommandLine.Mixin DataOptions d = data;
            @CommandLine.Mixin ModelOptions m = model;
            @CommandLine.Mixin TrainOptions t = train;
        }).parseArgs("--seed", Long.toString(seed), "--subjects", Integer.toString(subjects));
        if (epochs != null) {
            train.epochs = epochs;
        }
        Experiment e = new Experiment("demo", data, model, train, spec.commandLine().getOut(), spec.commandLine().getErr());
        List<Variant> rows = List.of(new Variant("baseline (ResNet-18, target only)", ModelKind.BASELINE, false),
                new Variant("SPNDL (NDF + SPL)", ModelKind.SPNDL, true));
        Experiment.Outcomes o = e.run(rows, 5, 1, out, false, true);
        e.printTable(o);
        if (video) {
            VideoDemo.run(data, model, train, o, rows.get(0).name(), rows.get(1).name(), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        spec.commandLine().getOut().printf("wall time %.0f s; run folder %s (open report.html)%n", o.seconds(),
                o.runDir().toAbsolutePath());
        return 0;
    }
}
