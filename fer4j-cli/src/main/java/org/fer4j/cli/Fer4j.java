package org.fer4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.fer4j.training.ConvolutionGradientCheck;
import org.fer4j.training.StopRequest;
import org.fer4j.training.TrainingDivergedException;
import org.fer4j.training.UnreliableKernelsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fer4j} command line. {@link #run} returns the exit code so tests can call it:
 * 0 success, 2 bad input (the message names the file or value and the fix), 3 training diverged,
 * 4 this processor's convolution gradients are wrong (the message names the fix),
 * 130/143 training stopped by SIGINT/SIGTERM (resumable), 1 anything unexpected.
 */
@Command(name = "fer4j", mixinStandardHelpOptions = true, versionProvider = Versions.Provider.class,
        description = "Facial expression recognition with identity-disentangled features (SPNDL, adversarial).",
        subcommands = {DemoCommand.class, SynthCommand.class, TrainCommand.class, EvaluateCommand.class,
                PredictCommand.class, CvCommand.class, AblationCommand.class, ReportCommand.class, DatasetsCommand.class,
                BenchCommand.class, ModelsCommand.class, ExportCommand.class, VideoCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class Fer4j implements Runnable {
    public static final int BAD_INPUT = 2;
    public static final int DIVERGED = 3;
    /** This processor's convolution gradients are wrong and oneDNN's cap did not help (see ConvolutionGradientCheck). */
    public static final int UNRELIABLE_KERNELS = 4;

    public static void main(String[] args) {
        if (trains(args) && ConvolutionGradientCheck.isaCap() == null) {
            ConvolutionGradientCheck.Result check = ConvolutionGradientCheck.result();
            if (!check.reliable()) {
                System.exit(runCapped(args, check));
            }
        }
        System.exit(run(args));
    }

    /** The commands that train a network, and so need right convolution gradients. */
    private static final java.util.Set<String> TRAINING = java.util.Set.of("demo", "train", "cv", "ablation", "bench");

    static boolean trains(String[] args) {
        return java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().map(TRAINING::contains)
                .orElse(false);
    }

    /**
     * Runs the same command again in a JVM with oneDNN's instruction set capped (the cap is read only when the
     * native library starts, so this process cannot apply it to itself); returns that run's exit code.
     */
    private static int runCapped(String[] args, ConvolutionGradientCheck.Result check) {
        System.err.println("fer4j: " + check.problem() + "; running the command again with "
                + ConvolutionGradientCheck.ISA_VARIABLE + "=" + ConvolutionGradientCheck.SAFE_ISA);
        ProcessBuilder builder = cappedRun(args).inheritIO();
        java.util.List<String> command = builder.command();
        try {
            Process child = builder.start();
            // a SIGTERM to this process reaches the run that trains, which stops at the next step (resumable)
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return child.waitFor();
        } catch (IOException e) {
            System.err.println("fer4j: could not start " + command.get(0) + ": " + e.getMessage() + "; set "
                    + ConvolutionGradientCheck.ISA_VARIABLE + "=" + ConvolutionGradientCheck.SAFE_ISA + " yourself");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** This JVM's command line (its options and class path) running {@code Fer4j args} with oneDNN capped. */
    static ProcessBuilder cappedRun(String... args) {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-XX:ArchiveClassesAtExit")) { // this process writes the class archive
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Fer4j.class.getName());
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(ConvolutionGradientCheck.ISA_VARIABLE, ConvolutionGradientCheck.SAFE_ISA);
        return builder;
    }

    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /**
     * Runs with the given output streams (tests capture them). A user sees one line per problem; the
     * stack trace of an unexpected error only with {@code --debug} (anywhere on the command line).
     */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        boolean debug = java.util.Arrays.asList(args).contains(DEBUG);
        String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals(DEBUG)).toArray(String[]::new);
        CommandLine cli = new CommandLine(new Fer4j());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            int code = exitCode(ex, cmd.getErr(), debug);
            cmd.getErr().flush();
            return code;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("fer4j: " + ex.getMessage());
            ex.getCommandLine().getErr().println("fer4j: see 'fer4j " + ex.getCommandLine().getCommandName()
                    .replace("fer4j", "").trim() + " --help' for the options");
            return BAD_INPUT;
        });
        cli.setExecutionStrategy(parsed -> {
            OptionChecks.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        try {
            return cli.execute(rest);
        } catch (OutOfMemoryError e) {
            err.println("fer4j: out of memory (" + e.getMessage() + "); use a smaller --batch-size or --image-size,"
                    + " or raise the heap (JAVA_OPTS=-Xmx...)");
            err.flush();
            return 1;
        }
    }

    /** The flag that shows stack traces of unexpected errors. */
    static final String DEBUG = "--debug";

    private static int exitCode(Exception ex, java.io.PrintWriter err, boolean debug) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (t instanceof TrainingDivergedException) {
            err.println("fer4j: training diverged: " + t.getMessage());
            return DIVERGED;
        }
        if (t instanceof UnreliableKernelsException) {
            err.println("fer4j: " + t.getMessage());
            return UNRELIABLE_KERNELS;
        }
        if (t instanceof StopRequest.TrainingStoppedException stopped) {
            return Interrupts.exitCode(stopped.reason()); // the command has said where and how to resume
        }
        if (t instanceof IllegalArgumentException || t instanceof IOException || t instanceof IllegalStateException) {
            err.println("fer4j: " + oneLine(t));
            if (debug) {
                t.printStackTrace(err);
            }
            return BAD_INPUT;
        }
        err.println("fer4j: internal error: " + oneLine(t) + (debug ? "" : " (run again with --debug for the details,"
                + " and report it with them)"));
        if (debug) {
            t.printStackTrace(err);
        }
        return 1;
    }

    /** The message, or the exception's name when it has none (a bare NullPointerException). */
    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
