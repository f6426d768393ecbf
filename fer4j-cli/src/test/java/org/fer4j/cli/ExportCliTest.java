package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.cli.CliTest.Run;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.synth.SyntheticFaces;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer4j export} and {@code --engine onnx}: the same answers as the PyTorch path, and one-line errors with exit code 2. */
class ExportCliTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path onnx;
    static Path face;

    @BeforeAll
    static void exportOne() throws Exception {
        model = dir.resolve("spndl-nn");
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.SPNDL_NO_NEUTRAL, 1.0 / 16, Preprocessing.rgb(32),
                SyntheticFaces.LABELS), 3)) {
            m.save(model);
        }
        onnx = dir.resolve("out/model.onnx");
        Run r = CliTest.run("export", "--model", model.toString(), "--format", "onnx", "--out", onnx.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("written " + onnx, "spndl-nn");
        Run synth = CliTest.run("synth", "--out", dir.resolve("synth").toString(), "--subjects", "2", "--images-per-class", "1", "--size", "48");
        assertThat(synth.code()).isZero();
        face = dir.resolve("synth").resolve(Files.readAllLines(dir.resolve("synth/manifest.csv")).get(1).split(",")[0]);
    }

    @Test
    void predictWithOnnxRuntimeGivesTheProbabilitiesOfThePyTorchPath() throws Exception {
        Run torch = CliTest.run("predict", "--model", model.toString(), "--image", face.toString(), "--format", "json");
        Run ort = CliTest.run("predict", "--engine", "onnx", "--model", onnx.toString(), "--image", face.toString(), "--format", "json");
        assertThat(ort.code()).as(ort.err()).isZero();
        Map<?, ?> a = (Map<?, ?>) new ObjectMapper().readValue(torch.out(), List.class).get(0);
        Map<?, ?> b = (Map<?, ?>) new ObjectMapper().readValue(ort.out(), List.class).get(0);
        assertThat(b.get("label")).isEqualTo(a.get("label"));
        Map<?, ?> pa = (Map<?, ?>) a.get("probabilities");
        Map<?, ?> pb = (Map<?, ?>) b.get("probabilities");
        assertThat(pb.keySet()).isEqualTo(pa.keySet());
        pa.forEach((k, v) -> assertThat(((Number) pb.get(k)).doubleValue()).isCloseTo(((Number) v).doubleValue(), within(1e-5)));
    }

    @Test
    void evaluateWithOnnxRuntimeGivesThePyTorchPathsTable() {
        List<String> data = List.of("--dataset", "synth", "--subjects", "2", "--images-per-class", "1", "--no-cache");
        Run torch = CliTest.run(args(List.of("evaluate", "--model", model.toString()), data));
        Run ort = CliTest.run(args(List.of("evaluate", "--engine", "onnx", "--model", onnx.toString()), data));
        assertThat(ort.code()).as(ort.err()).isZero();
        assertThat(ort.out()).contains("accuracy").isEqualTo(torch.out());
    }

    @Test
    void badExportsAndEnginesAreOneLineErrorsWithExitCode2() throws Exception {
        assertOneLineError(CliTest.run("export", "--model", model.toString(), "--out", onnx.toString()),
                onnx + ": already exists; pass --force to replace it");
        assertThat(CliTest.run("export", "--model", model.toString(), "--out", onnx.toString(), "--force").code()).isZero();
        assertOneLineError(CliTest.run("export", "--model", model.toString(), "--format", "tflite", "--out", "x.tflite"),
                "unknown --format 'tflite'");
        Path notModel = Files.createDirectories(dir.resolve("not-a-model"));
        assertOneLineError(CliTest.run("export", "--model", notModel.toString(), "--out", dir.resolve("n.onnx").toString()),
                notModel + ": not a fer4j model folder");
        assertThat(dir.resolve("n.onnx")).doesNotExist();
        assertOneLineError(CliTest.run("predict", "--engine", "onnx", "--model", model.toString(), "--image", face.toString()),
                model + ": no such ONNX file");
        assertOneLineError(CliTest.run("predict", "--model", onnx.toString(), "--image", face.toString()),
                onnx + ": an ONNX file; run it with --engine onnx");
        assertOneLineError(CliTest.run("predict", "--engine", "tensorrt", "--model", onnx.toString(), "--image", face.toString()),
                "unknown --engine 'tensorrt'");
        Path text = Files.writeString(dir.resolve("text.onnx"), "hello");
        assertOneLineError(CliTest.run("predict", "--engine", "onnx", "--model", text.toString(), "--image", face.toString()),
                text + ": not an ONNX model");
    }

    private static void assertOneLineError(Run r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(r.err()).startsWith("fer4j: ").contains(message);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    private static String[] args(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
