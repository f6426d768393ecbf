package org.fer4j.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.cli.Fer4j;
import org.fer4j.runs.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per run folder: a second trainer is refused by name; a dead holder's lock is taken over. */
class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondTrainingOnAFolderInUseIsRefusedNamingTheHolder() throws Exception {
        Path run = dir.resolve("run");
        try (RunLock held = RunLock.acquire(run)) {
            StringWriter err = new StringWriter();
            int code = Fer4j.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "train",
                    "--subjects", "6", "--images-per-class", "1", "--epochs", "1", "--no-spl", "--image-size", "32",
                    "--width", "0.0625", "--no-progress", "--out", run.toString());
            assertThat(code).isEqualTo(Fer4j.BAD_INPUT);
            assertThat(err.toString()).contains(run + ": run folder in use by pid " + ProcessHandle.current().pid());
            assertThat(run.resolve("metrics.jsonl")).as("nothing written by the refused process").doesNotExist();
        }
        assertThat(run.resolve(RunLock.FILE)).as("released and removed").doesNotExist();
    }

    @Test
    void aLockFileLeftByAKilledProcessIsTakenOverAndNamed() throws Exception {
        Path run = Files.createDirectories(dir.resolve("stale"));
        Files.writeString(run.resolve(RunLock.FILE), "pid 999999 on elsewhere, since 2026-12-01T00:00:00Z");
        try (RunLock lock = RunLock.acquire(run)) {
            assertThat(lock.previousHolder()).isEqualTo("pid 999999 on elsewhere, since 2026-12-01T00:00:00Z");
            assertThat(Files.readString(run.resolve(RunLock.FILE))).startsWith("pid " + ProcessHandle.current().pid());
        }
    }
}
