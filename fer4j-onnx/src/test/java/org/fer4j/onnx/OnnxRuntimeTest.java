package org.fer4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.fer4j.batches.PairedBatch;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Prediction;
import org.fer4j.inference.Predictor;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.onnx.export.OnnxExport;
import org.fer4j.onnx.proto.OnnxGraph;
import org.fer4j.onnx.runtime.OnnxClassifier;
import org.fer4j.testing.BatchNormStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX Runtime engine: the same predictions as fer4j's, no libtorch in an ONNX-only process, and bad files refused by name. */
class OnnxRuntimeTest {
    @TempDir
    static Path dir;
    static Path baseline;
    static Path spndl;
    static List<Prediction> torchPredictions;
    static List<FaceInput> faces;

    @BeforeAll
    static void export() throws IOException {
        faces = new ArrayList<>();
        for (Sample s : ExportedFaces.samples().subList(0, 12)) {
            faces.add(new FaceInput(s.id(), s.image(), s.neutral(), null));
        }
        baseline = dir.resolve("baseline.onnx");
        try (FerModel model = FerModel.create(OnnxExportTest.spec(ModelKind.BASELINE), 31);
             Predictor predictor = new Predictor(model)) {
            BatchNormStatistics.randomise(model, 32);
            OnnxExport.write(model, baseline, false, "test");
            torchPredictions = predictor.predict(faces);
        }
        spndl = dir.resolve("spndl.onnx");
        try (FerModel model = FerModel.create(OnnxExportTest.spec(ModelKind.SPNDL), 33)) {
            OnnxExport.write(model, spndl, false, "test");
        }
    }

    @Test
    void predictorOnOnnxRuntimeGivesFer4jsProbabilities() throws IOException {
        try (OnnxClassifier onnx = OnnxClassifier.builder().optIntraOpThreads(1).build(baseline)) {
            List<Prediction> got = new Predictor(onnx).predict(faces);
            for (int i = 0; i < faces.size(); i++) {
                assertThat(got.get(i).label()).isEqualTo(torchPredictions.get(i).label());
                for (int k = 0; k < got.get(i).probabilities().length; k++) {
                    assertThat(got.get(i).probabilities()[k]).isCloseTo(torchPredictions.get(i).probabilities()[k],
                            org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void anOnnxOnlyProcessNeverLoadsLibtorch() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs Linux's /proc to list mapped libraries");
        Path image = dir.resolve("face.png");
        Path neutral = dir.resolve("neutral.png");
        Sample s = ExportedFaces.samples().get(0);
        ImageIO.write((BufferedImage) s.image().read(), "png", image.toFile());
        ImageIO.write((BufferedImage) s.neutral().read(), "png", neutral.toFile());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                OnnxOnlyProbe.class.getName(), spndl.toString(), image.toString(), neutral.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("label=").contains("onnxruntime=true").contains("libtorch=false");
    }

    @Test
    void aBatchOfAnotherImageSizeOrWithoutNeutralsIsRefusedNamingTheFile() throws IOException {
        try (OnnxClassifier onnx = OnnxClassifier.open(spndl)) {
            PairedBatch wrongSize = ExportedFaces.batch(Preprocessing.rgb(40));
            assertThatThrownBy(() -> onnx.probabilities(wrongSize)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(spndl.toString()).hasMessageContaining("3x32x32");
            PairedBatch b = ExportedFaces.batch(onnx.preprocessing());
            PairedBatch unpaired = new PairedBatch(b.targets(), null, b.labels(), b.indices(), b.channels(), b.size());
            assertThatThrownBy(() -> onnx.probabilities(unpaired)).hasMessageContaining("neutral");
        }
    }

    @Test
    void filesThatAreNotFer4jExportsAreRefusedNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.onnx");
        assertThatThrownBy(() -> OnnxClassifier.open(missing)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(missing.toString());
        Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a protobuf at all");
        assertThatThrownBy(() -> OnnxClassifier.open(garbage)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(garbage + ": not an ONNX model");
        Path foreign = dir.resolve("foreign.onnx");
        Files.write(foreign, identity(48, Map.of()));
        assertThatThrownBy(() -> OnnxClassifier.open(foreign)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(foreign + ": not a fer4j model export");
        Path otherSize = dir.resolve("other-size.onnx");
        OnnxModelInfo info32 = new OnnxModelInfo("baseline", LabelSet.CK_PLUS_7, Preprocessing.rgb(32), false, Map.of());
        Files.write(otherSize, identity(48, info32.toProperties()));
        assertThatThrownBy(() -> OnnxClassifier.open(otherSize)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(otherSize + ": input 'target' has shape [-1, 3, 48, 48]")
                .hasMessageContaining("3x32x32");
    }

    @Test
    void exportRefusesAnExistingFileUnlessForcedAndLeavesNoTemporaryFile() throws IOException {
        Path out = dir.resolve("again.onnx");
        Files.writeString(out, "keep me");
        ModelSpec spec = OnnxExportTest.spec(ModelKind.BASELINE);
        try (FerModel model = FerModel.create(spec, 41)) {
            assertThatThrownBy(() -> OnnxExport.write(model, out, false, "test")).isInstanceOf(IOException.class)
                    .hasMessage(out + ": already exists; pass --force to replace it");
            assertThat(Files.readString(out)).isEqualTo("keep me");
            assertThatThrownBy(() -> OnnxExport.write(model, dir, true, "test")).hasMessageStartingWith(dir + ": is a folder");
            OnnxExport.write(model, out, true, "test");
        }
        try (OnnxClassifier onnx = OnnxClassifier.open(out)) {
            assertThat(onnx.info().kind()).isEqualTo("baseline");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** A graph that passes a 3×size×size 'target' through unchanged as 'logits', with the given metadata. */
    private static byte[] identity(int size, Map<String, String> metadata) {
        OnnxGraph g = new OnnxGraph("identity");
        g.input("target", "batch", 3L, (long) size, (long) size);
        g.node("Identity", List.of("target"), List.of("logits"));
        g.output("logits", "batch", 3L, (long) size, (long) size);
        return g.toModel(17, "test", "0", "", metadata);
    }
}
