package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.fer4j.cli.CliTest.Run;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.vision.FixtureFaces;
import org.fer4j.vision.video.TestVideos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine onnx} for video and serve: the answers of the PyTorch path on the same model within 1e-4,
 * a serving process that never maps libtorch, and one-line errors (exit code 2) naming the file.
 */
class OnnxEnginesCliTest {
    @TempDir
    static Path dir;
    static Path video;
    static Path photo;
    static Path neutral;
    static Path baseline;
    static Path baselineOnnx;
    static Path spndl;
    static Path spndlOnnx;

    @BeforeAll
    static void setUp() throws Exception {
        video = TestVideos.twoPeople(dir.resolve("in.mp4"), 12, 8);
        photo = dir.resolve("group.png");
        ImageIO.write(FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}), "png", photo.toFile());
        neutral = dir.resolve("neutral.png");
        ImageIO.write(FixtureFaces.frame(200, 160, new int[] {2, 50, 20, 112}), "png", neutral.toFile());
        baseline = save(dir.resolve("run/baseline"), ModelKind.BASELINE, 3);
        spndl = save(dir.resolve("run/spndl"), ModelKind.SPNDL, 4);
        baselineOnnx = export(baseline, dir.resolve("out/baseline.onnx"));
        spndlOnnx = export(spndl, dir.resolve("out/spndl.onnx"));
    }

    private static Path save(Path to, ModelKind kind, long seed) throws Exception {
        try (FerModel m = FerModel.create(new ModelSpec(kind, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), seed)) {
            m.save(to);
        }
        return to;
    }

    private static Path export(Path model, Path to) {
        Run r = CliTest.run("export", "--model", model.toString(), "--format", "onnx", "--out", to.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return to;
    }

    /** Rows of both runs: the same frames, tracks, boxes, labels and neutral frames; probabilities within 1e-4. */
    private static void assertSameRows(Path torchCsv, Path onnxCsv) throws Exception {
        List<String[]> a = VideoCliTest.csv(torchCsv);
        List<String[]> b = VideoCliTest.csv(onnxCsv);
        assertThat(b).hasSameSizeAs(a).hasSizeGreaterThan(10);
        assertThat(b.get(0)).isEqualTo(a.get(0));
        for (int i = 1; i < a.size(); i++) {
            assertThat(java.util.Arrays.copyOf(b.get(i), 9)).as("row %d", i).isEqualTo(java.util.Arrays.copyOf(a.get(i), 9));
            for (int k = 9; k < 17; k++) {
                assertThat(Double.parseDouble(b.get(i)[k])).as("row %d column %s", i, a.get(0)[k])
                        .isCloseTo(Double.parseDouble(a.get(i)[k]), within(1e-4));
            }
            assertThat(b.get(i)[17]).as("neutral frame, row %d", i).isEqualTo(a.get(i)[17]);
        }
    }

    /** {@code fer4j video} on {@code torchModel} and on {@code onnxModel} with {@code --engine onnx}; both must succeed. */
    private static Path[] videoOnBoth(String name, Path torchModel, Path onnxModel, String... more) {
        Path[] csv = {dir.resolve(name + "-torch.csv"), dir.resolve(name + "-onnx.csv")};
        String[][] engines = {{"--model", torchModel.toString()}, {"--engine", "onnx", "--model", onnxModel.toString()}};
        for (int i = 0; i < 2; i++) {
            Run r = run(new String[] {"video", video.toString(), "--out-csv", csv[i].toString(), "--no-progress"},
                    java.util.stream.Stream.concat(java.util.Arrays.stream(engines[i]), java.util.Arrays.stream(more))
                            .toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
        }
        return csv;
    }

    @Test
    void videoOnOnnxRuntimeGivesThePyTorchRows() throws Exception {
        Path[] csv = videoOnBoth("baseline", baseline, baselineOnnx, "--batch", "3");
        assertSameRows(csv[0], csv[1]);
    }

    @Test
    void aPairedVideoOnOnnxRuntimeIsCalibratedOnTheSameNeutralFrames() throws Exception {
        Path[] csv = videoOnBoth("paired", spndl, spndlOnnx, "--neutral", "first:3");
        assertSameRows(csv[0], csv[1]);
        assertThat(VideoCliTest.csv(csv[1]).subList(1, 3)).allSatisfy(x -> assertThat(x[17]).isNotEmpty());
    }

    @Test
    void serveOnOnnxRuntimeAnswersThePyTorchJsonAcrossConcurrentRequests() throws Exception {
        List<ServeCommandTest.Post> posts = new java.util.ArrayList<>();
        posts.add(ServeCommandTest.Post.withNeutral(photo, neutral));
        for (int i = 0; i < 5; i++) {
            posts.add(ServeCommandTest.Post.png(photo));
        }
        ServeCommandTest.Served torch = ServeCommandTest.serve(posts.subList(0, 2), "--model", baseline.toString(),
                "--paired-model", spndl.toString());
        ServeCommandTest.Served onnx = ServeCommandTest.serve(posts, "--engine", "onnx", "--model", baselineOnnx.toString(),
                "--paired-model", spndlOnnx.toString(), "--batch-wait-ms", "50");
        assertThat(onnx.err()).contains("serving out/baseline.onnx and out/spndl.onnx (calibrated)");
        for (int i = 0; i < 2; i++) { // the calibrated answer (spndl), then the plain one (baseline)
            assertThat(onnx.responses().get(i).get("calibrated").asBoolean()).isEqualTo(i == 0);
            assertThat(torch.responses().get(i).get("faces")).isNotEmpty();
            ServeCommandTest.assertSameFaces(torch.responses().get(i).get("faces"), onnx.responses().get(i).get("faces"), 1e-4);
            assertThat(fieldNames(onnx.responses().get(i))).isEqualTo(fieldNames(torch.responses().get(i)));
        }
        for (JsonNode plain : onnx.responses().subList(2, posts.size())) { // one session, batched with the others or not
            ServeCommandTest.assertSameFaces(onnx.responses().get(1).get("faces"), plain.get("faces"), 1e-5);
        }
        assertThat(onnx.responses().get(0).get("faces").get(0).get("probabilities"))
                .as("the calibrated model answered, not the plain one")
                .isNotEqualTo(onnx.responses().get(1).get("faces").get(0).get("probabilities"));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aServingProcessOnOnnxRuntimeNeverMapsLibtorch() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs Linux's /proc to list mapped libraries");
        String onnx = probe("--engine", "onnx", "--model", baselineOnnx.toString());
        assertThat(onnx).contains("onnxruntime=true").contains("libtorch=false");
        String torch = probe("--model", baseline.toString());
        assertThat(torch).as("the probe sees libtorch where it is loaded").contains("libtorch=true");
        assertThat(label(onnx)).isEqualTo(label(torch));
        System.out.println("serve probe, ONNX Runtime:\n" + onnx + "serve probe, PyTorch:\n" + torch);
    }

    private static String label(String probe) {
        return probe.lines().filter(l -> l.startsWith("label=")).findFirst().orElseThrow();
    }

    private static String probe(String... serveArgs) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                ServeEngineProbe.class.getName(), photo.toString()));
        cmd.addAll(List.of(serveArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.matches("[a-z_]+=.*")).reduce("", (x, y) -> x + y + "\n");
    }

    @Test
    void badModelsAndCombinationsAreOneLineErrorsWithExitCode2() throws Exception {
        Path text = Files.writeString(dir.resolve("text.onnx"), "hello");
        Path gone = dir.resolve("gone.onnx");
        Path otherSize = dir.resolve("other-size.onnx");
        byte[] bytes = Files.readAllBytes(baselineOnnx);
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(s).contains("\"size\":32");
        Files.write(otherSize, s.replace("\"size\":32", "\"size\":48").getBytes(StandardCharsets.ISO_8859_1)); // same length
        for (String[] cmd : new String[][] {{"video", video.toString(), "--no-progress"}, {"serve", "--port", "0"}}) {
            assertOneLineError(run(cmd, "--engine", "onnx", "--model", gone.toString()), gone + ": no such ONNX file");
            assertOneLineError(run(cmd, "--engine", "onnx", "--model", text.toString()), text + ": not an ONNX model");
            assertOneLineError(run(cmd, "--engine", "onnx", "--model", baseline.toString()), baseline + ": no such ONNX file (a folder");
            assertOneLineError(run(cmd, "--model", baselineOnnx.toString()), baselineOnnx + ": an ONNX file; run it with --engine onnx");
            assertOneLineError(run(cmd, "--engine", "onnx", "--model", otherSize.toString()),
                    otherSize + ": input 'target' has shape [-1, 3, 32, 32] but its metadata preprocesses images to 3x48x48");
        }
        assertOneLineError(run(new String[] {"serve", "--port", "0"}, "--engine", "onnx", "--model", baselineOnnx.toString(),
                "--paired-model", baselineOnnx.toString()), "the paired model 'out/baseline.onnx'");
        String[] pairedVideo = {"video", video.toString(), "--no-progress", "--engine", "onnx", "--model", spndlOnnx.toString()};
        assertOneLineError(run(pairedVideo, "--neutral", "auto", "--neutral-model", spndl.toString()),
                "--neutral-model " + spndl + ": a model folder, but --engine onnx runs both models in ONNX Runtime");
        assertOneLineError(run(pairedVideo, "--neutral", "auto", "--neutral-model", spndlOnnx.toString()),
                spndlOnnx + ": the --neutral-model has no 'neutral' class"); // a paired one would be a neutral ranker
        assertOneLineError(run(pairedVideo, "--neutral", "auto", "--neutral-model", baselineOnnx.toString()),
                baselineOnnx + ": the --neutral-model has no 'neutral' class");
    }

    private static Run run(String[] command, String... more) {
        return CliTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.Arrays.stream(more))
                .toArray(String[]::new));
    }

    private static void assertOneLineError(Run r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(r.err()).startsWith("fer4j: ").contains(message);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    }
}
