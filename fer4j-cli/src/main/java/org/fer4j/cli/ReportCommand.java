package org.fer4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fer4j.report.ReportOptions;
import org.fer4j.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fer4j report}: rebuilds a run folder's report.html from its recorded files (no retraining), or
 * writes one report comparing several run folders side by side.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild RUN_DIR/report.html from the recorded files, or compare several run folders in one report.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders (train, cv, ablation or demo).")
    List<Path> runs;

    @Option(names = "--out", description = "Report file (default: RUN_DIR/report.html for one folder, comparison.html for several).")
    Path out;

    @Option(names = "--tsne-classes", split = ",", description = "Classes shown in the t-SNE (default: all).")
    List<String> tsneClasses;

    @Option(names = "--tsne-points", defaultValue = "300", description = "At most this many test samples per t-SNE (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 100_000)
    int tsnePoints;

    @Option(names = "--tsne-iterations", defaultValue = "500", description = "t-SNE iterations (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 100_000)
    int tsneIterations;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the t-SNE sample and layout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        ReportOptions options = new ReportOptions(tsneClasses, tsnePoints, tsneIterations, seed);
        Path written = runs.size() == 1
                ? ReportWriter.write(runs.get(0), out != null ? out : runs.get(0).resolve(ReportWriter.FILE), options)
                : ReportWriter.compare(runs, out != null ? out : Path.of("comparison.html"), options);
        spec.commandLine().getOut().println("report: " + written.toAbsolutePath());
        return 0;
    }
}
