package org.fer4j.spark.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The application jar's entry point:
 * {@code spark-submit --class org.fer4j.spark.app.Fer4jSparkApp fer4j-spark.jar predict|cv|ablation …}.
 * Exit codes as {@code fer4j}'s: 0 success, 2 bad input (one line naming the option or file), 1 anything else.
 */
@Command(name = "fer4j-spark", mixinStandardHelpOptions = true,
        description = "fer4j on Apache Spark: batch prediction and distributed cross-validation.",
        subcommands = {PredictJob.class, ExperimentJobs.Cv.class, ExperimentJobs.Ablation.class,
                CommandLine.HelpCommand.class})
public final class Fer4jSparkApp implements Runnable {
    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.exit(code);
    }

    /** Runs a command (tests call it; a session the command created stays open for the caller). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Fer4jSparkApp());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parse) -> {
            Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (t instanceof IllegalArgumentException || t instanceof IOException || t instanceof AnalysisException) {
                cmd.getErr().println("fer4j-spark: " + t.getMessage());
                return BAD_INPUT;
            }
            if (t instanceof SparkException) { // a task failed on every attempt: its own message, not Spark's trace
                Throwable root = t;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                cmd.getErr().println("fer4j-spark: the job failed: " + root.getMessage());
                return 1;
            }
            cmd.getErr().println("fer4j-spark: unexpected error: " + t);
            t.printStackTrace(cmd.getErr());
            return 1;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("fer4j-spark: " + ex.getMessage());
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
