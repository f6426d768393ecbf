package org.fer4j.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery proven on real processes: {@code fer4j train} and {@code fer4j cv} run as child JVMs,
 * are killed with SIGKILL at chosen moments (mid-epoch, while a checkpoint is being written, at a pace
 * boundary, between folds) or stopped with SIGTERM, and resumed with {@code --resume}; the final
 * evaluation, the metrics (timings aside) and the model weights must be bit-identical to an
 * uninterrupted run with the same seed. No JVM crash log may appear.
 */
class CrashRecoveryTest {
    private static final List<String> TRAIN = List.of("--dataset", "synth", "--subjects", "6", "--images-per-class", "1",
            "--image-size", "32", "--width", "0.0625", "--epochs", "4", "--spl-schedule", "0.5,1.0", "--spl-warmup", "2",
            "--batch-size", "8", "--seed", "3", "--no-progress");

    @TempDir
    static Path dir;
    static Path reference;

    @BeforeAll
    static void uninterrupted() throws Exception {
        reference = dir.resolve("reference");
        Child c = Child.start(dir, "train", TRAIN, reference);
        assertThat(c.waitFor()).as("uninterrupted run; stderr:%n%s", c.stderr()).isZero();
    }

    @Test
    void killedMidEpochResumesToTheSameWeights() throws Exception {
        Path run = dir.resolve("mid-epoch");
        Child c = Child.start(dir, "train", TRAIN, run);
        assertThat(c.killWhen(() -> metricsLines(run) >= 1, 300)).as("killed, not finished").isEqualTo(137);
        resumeAndCompare(run);
    }

    @Test
    void killedWhileACheckpointIsWrittenResumesToTheSameWeights() throws Exception {
        Path run = dir.resolve("during-checkpoint");
        // every folder replacement pauses between moving the old checkpoint aside and renaming the new one
        // in: the kill lands where "last" does not exist, only its moved-aside copy
        Child c = Child.start(dir, "train", TRAIN, run, "-Dfer4j.faultInjection.renamePauseMs=1500");
        assertThat(c.killWhen(() -> exists(run, p -> p.getFileName().toString().startsWith(".last.old.")), 100))
                .as("killed, not finished").isEqualTo(137);
        assertThat(run.resolve("checkpoints/fold-0/last")).doesNotExist();
        String epochOne = Files.readAllLines(run.resolve("metrics.jsonl")).get(0);
        resumeAndCompare(run);
        // the moved-aside checkpoint of epoch 1 was put back and training continued after it: epoch 1's record,
        // wall-clock time included, is the one written before the kill (a restart from scratch rewrites it)
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl")).get(0)).isEqualTo(epochOne);
    }

    @Test
    void killedAtAPaceBoundaryResumesToTheSameWeights() throws Exception {
        Path run = dir.resolve("pace-boundary");
        Child c = Child.start(dir, "train", TRAIN, run);
        assertThat(c.killWhen(() -> lines(run.resolve("spl.jsonl")) >= 1 || metricsLines(run) >= 3, 0))
                .as("killed, not finished").isEqualTo(137);
        resumeAndCompare(run);
    }

    @Test
    void sigtermStopsAtAStepBoundaryWithExit143AndTheResumeCommand() throws Exception {
        Path run = dir.resolve("sigterm");
        Child c = Child.start(dir, "train", TRAIN, run);
        c.waitUntil(() -> metricsLines(run) >= 1);
        c.process.destroy(); // SIGTERM
        int code = c.waitFor();
        if (code == 0) {
            // the run finished before the signal arrived: nothing to resume, and nothing to prove here
            assertThat(Files.readAllBytes(weights(run))).isEqualTo(Files.readAllBytes(weights(reference)));
            return;
        }
        assertThat(code).as("stderr:%n%s", c.stderr()).isEqualTo(143);
        assertThat(c.stderr()).contains("SIGTERM").contains("--resume --out " + run);
        assertThat(c.stderr()).doesNotContain("SIGSEGV").doesNotContain("A fatal error has been detected");
        resumeAndCompare(run);
    }

    @Test
    void cvKilledInItsSecondFoldSkipsTheFinishedFoldAndEqualsAnUninterruptedRun() throws Exception {
        List<String> cv = new ArrayList<>(TRAIN);
        cv.addAll(List.of("--folds", "2"));
        Path ref = dir.resolve("cv-reference");
        Child r = Child.start(dir, "cv", cv, ref);
        assertThat(r.waitFor()).as("stderr:%n%s", r.stderr()).isZero();
        Path run = dir.resolve("cv-killed");
        Child c = Child.start(dir, "cv", cv, run);
        assertThat(c.killWhen(() -> Files.isRegularFile(run.resolve("fold-0/eval.json")) && metricsLines(run) >= 5, 0))
                .as("killed, not finished").isEqualTo(137);
        assertThat(run.resolve("fold-0/eval.json")).exists();
        Child resumed = Child.start(dir, "cv", withResume(cv), run);
        assertThat(resumed.waitFor()).as("stderr:%n%s", resumed.stderr()).isZero();
        for (String f : List.of("fold-0/eval.json", "fold-1/eval.json", "fold-0/model/weights.params",
                "fold-1/model/weights.params")) {
            assertThat(Files.readAllBytes(run.resolve(f))).as(f).isEqualTo(Files.readAllBytes(ref.resolve(f)));
        }
        assertThat(metricsWithoutTimes(run)).isEqualTo(metricsWithoutTimes(ref));
        assertThat(hsErr(dir)).isEmpty();
    }

    private static void resumeAndCompare(Path run) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            Child c = Child.start(dir, "train", withResume(TRAIN), run);
            int code = c.waitFor();
            if (code == 0) {
                break;
            }
            assertThat(attempt).as("resume failed; stderr:%n%s", c.stderr()).isLessThan(2);
        }
        assertThat(Files.readAllBytes(weights(run))).as("final weights").isEqualTo(Files.readAllBytes(weights(reference)));
        assertThat(Files.readString(run.resolve("fold-0/eval.json"))).isEqualTo(Files.readString(reference.resolve("fold-0/eval.json")));
        assertThat(metricsWithoutTimes(run)).isEqualTo(metricsWithoutTimes(reference));
        assertThat(hsErr(dir)).as("no JVM crash log").isEmpty();
    }

    private static List<String> withResume(List<String> args) {
        List<String> l = new ArrayList<>(args);
        l.add("--resume");
        return l;
    }

    private static Path weights(Path run) {
        return run.resolve("fold-0/model/weights.params");
    }

    /** metrics.jsonl without the wall-clock field, one entry per epoch (a replayed epoch counts once). */
    private static List<String> metricsWithoutTimes(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            String s = l.replaceAll("\"seconds\"\\s*:\\s*[0-9.eE+-]+,?", "");
            out.remove(s);
            out.add(s);
        }
        return out;
    }

    private static long metricsLines(Path run) {
        return lines(run.resolve("metrics.jsonl"));
    }

    private static long lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean exists(Path root, Predicate<Path> p) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.anyMatch(p);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // a folder renamed under the walk
        }
    }

    private static List<Path> hsErr(Path where) throws IOException {
        try (Stream<Path> s = Files.list(where)) {
            return s.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
        }
    }

    /** A {@code fer4j} command in its own JVM, with this test's class path. */
    private record Child(Process process, Path err) {
        static Child start(Path workDir, String command, List<String> args, Path out, String... jvm) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                    "-Xmx2g"));
            cmd.addAll(List.of(jvm));
            cmd.addAll(List.of("org.fer4j.cli.Fer4j", command));
            cmd.addAll(args);
            cmd.addAll(List.of("--out", out.toString()));
            Path err = Files.createTempFile(workDir, "stderr-", ".txt");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new Child(p, err);
        }

        int waitFor() throws InterruptedException {
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child did not finish in 240 s");
            }
            return process.exitValue();
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }

        void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!condition.getAsBoolean()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    return;
                }
                Thread.sleep(2);
            }
        }

        /**
         * SIGKILL once {@code condition} holds (after {@code delayMs} more); the exit status, 137 when the
         * kill landed (0 when the run finished first).
         */
        int killWhen(java.util.function.BooleanSupplier condition, long delayMs) throws Exception {
            waitUntil(condition);
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            process.destroyForcibly(); // SIGKILL on Linux
            process.waitFor(30, TimeUnit.SECONDS);
            return process.exitValue();
        }
    }
}
