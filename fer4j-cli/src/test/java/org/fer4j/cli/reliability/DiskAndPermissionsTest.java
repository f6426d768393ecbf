package org.fer4j.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.cli.Fer4j;
import org.fer4j.models.FerModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and read-only folders, on real file systems: small tmpfs mounts made by the test (root
 * only; elsewhere the test is skipped with the reason). A checkpoint that does not fit is a clear error
 * naming the file; the previous checkpoint stays intact and the run resumes from it once there is
 * room; a report that does not fit leaves nothing behind. A read-only run folder, cache folder or model
 * store is refused before any work.
 */
class DiskAndPermissionsTest {
    private static final List<String> TRAIN = List.of("train", "--dataset", "synth", "--subjects", "6",
            "--images-per-class", "1", "--image-size", "32", "--width", "0.0625", "--epochs", "3", "--no-spl",
            "--val-fraction", "0", "--batch-size", "8", "--no-progress");

    @TempDir
    static Path dir;
    static final List<Path> mounts = new ArrayList<>();

    @BeforeAll
    static void canMount() throws Exception {
        Path probe = Files.createDirectories(dir.resolve("probe"));
        boolean ok = mount(probe, "size=64k");
        Assumptions.assumeTrue(ok, "cannot mount a tmpfs here (needs root): the full-disk and read-only tests are"
                + " skipped; run them as root (CI does)");
    }

    @AfterAll
    static void unmount() throws Exception {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            new ProcessBuilder("umount", mounts.get(i).toString()).start().waitFor();
        }
    }

    @Test
    void aFullDiskDuringACheckpointIsAClearErrorAndTheRunResumesFromTheLastGoodOne() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        // room for the run's records and one checkpoint (~0.6 MB), not for a second beside it
        assertThat(mount(small, "size=900k")).isTrue();
        Path run = small.resolve("run");
        Result r = fer4j(with(TRAIN, "--out", run.toString()));
        assertThat(r.code).as(r.err).isEqualTo(Fer4j.BAD_INPUT);
        String last = r.lastError();
        assertThat(last).contains(small.toString()).contains("No space left on device").contains("disk is full");
        assertThat(r.err).doesNotContainPattern("(?m)^\\s+at ");
        Path checkpoint = run.resolve("checkpoints/fold-0/last");
        assertThat(checkpoint).as("the previous checkpoint survived").isDirectory();
        try (FerModel m = FerModel.load(checkpoint.resolve("model"))) {
            assertThat(m.spec().width()).isEqualTo(0.0625);
        }
        // a checkpoint damaged afterwards is refused by name, not trained on
        Path damaged = dir.resolve("damaged-run");
        copyTree(run, damaged);
        Path params = damaged.resolve("checkpoints/fold-0/last/model/weights.params");
        byte[] w = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(w, w.length / 2));
        Result refused = fer4j(with(TRAIN, "--out", damaged.toString(), "--resume"));
        assertThat(refused.code).as(refused.err).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(refused.lastError()).contains(params.toString()).contains("sha-256");
        Path roomy = dir.resolve("roomy-run");
        copyTree(run, roomy);
        Result resumed = fer4j(with(TRAIN, "--out", roomy.toString(), "--resume"));
        assertThat(resumed.code).as(resumed.err).isZero();
        assertThat(roomy.resolve("fold-0/model/weights.params")).isRegularFile();

        // the report of that run onto a disk with no room: named, and nothing half-written left there
        Path tiny = Files.createDirectories(dir.resolve("tiny"));
        assertThat(mount(tiny, "size=8k")).isTrue();
        Path html = tiny.resolve("report.html");
        Result report = fer4j(List.of("report", roomy.toString(), "--out", html.toString()));
        assertThat(report.code).as(report.err).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(report.lastError()).contains(html.toString()).contains("No space left on device");
        try (var left = Files.list(tiny)) {
            assertThat(left.toList()).as("no partial report").isEmpty();
        }
    }

    @Test
    void readOnlyRunAndCacheFoldersAreRefusedBeforeTraining() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        assertThat(mount(ro, "size=64k,ro")).isTrue();
        Result out = fer4j(with(TRAIN, "--out", ro.resolve("run").toString()));
        assertThat(out.code).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(out.lastError()).contains(ro.resolve("run").toString()).contains("Read-only file system");
        Path elsewhere = dir.resolve("run-with-ro-cache");
        Result cache = fer4j(with(TRAIN, "--out", elsewhere.toString(), "--cache", ro.resolve("cache").toString()));
        assertThat(cache.code).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(cache.lastError()).contains(ro.resolve("cache").toString()).contains("Read-only file system");
        assertThat(elsewhere.resolve("metrics.jsonl")).as("no training started").doesNotExist();
        Path tgz = Files.write(dir.resolve("never-read.tgz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        Result store = fer4j(List.of("models", "install", "faceapi-expression", "--tarball", tgz.toString(), "--store",
                ro.resolve("store").toString()));
        assertThat(store.code).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(store.lastError()).as("the store is checked before the tarball is read")
                .contains(ro.resolve("store").toString()).contains("Read-only file system");
    }

    private record Result(int code, String err) {
        String lastError() {
            return err.lines().filter(l -> l.startsWith("fer4j:")).reduce((a, b) -> b).orElse("");
        }
    }

    private static Result fer4j(List<String> args) {
        StringWriter err = new StringWriter();
        int code = Fer4j.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Result(code, err.toString());
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> l = new ArrayList<>(base);
        l.addAll(List.of(more));
        return l;
    }

    private static boolean mount(Path where, String options) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", where.toString())
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor() == 0;
        if (ok) {
            mounts.add(where);
        }
        return ok;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
