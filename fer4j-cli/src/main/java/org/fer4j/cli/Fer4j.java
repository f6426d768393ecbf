package org.fer4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.fer4j.training.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fer4j} command line. {@link #run} returns the exit code so tests can call it:
 * 0 success, 2 bad input (the message names the file or value and the fix), 3 training diverged,
 * 1 anything unexpected.
 */
@Command(name = "fer4j", mixinStandardHelpOptions = true, versionProvider = Versions.Provider.class,
        description = "Facial expression recognition with identity-disentangled features (SPNDL, adversarial).",
        subcommands = {DemoCommand.class, SynthCommand.class, TrainCommand.class, EvaluateCommand.class,
                PredictCommand.class, CvCommand.class, AblationCommand.class, ReportCommand.class, DatasetsCommand.class,
                BenchCommand.class, ModelsCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class Fer4j implements Runnable {
    public static final int BAD_INPUT = 2;
    public static final int DIVERGED = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs with the given output streams (tests capture them). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Fer4j());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (t instanceof TrainingDivergedException) {
                cmd.getErr().println("fer4j: training diverged: " + t.getMessage());
                return DIVERGED;
            }
            if (t instanceof IllegalArgumentException || t instanceof IOException
                    || t instanceof IllegalStateException) {
                cmd.getErr().println("fer4j: " + t.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println("fer4j: unexpected error: " + t);
            t.printStackTrace(cmd.getErr());
            return 1;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("fer4j: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return BAD_INPUT;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
