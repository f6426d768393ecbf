package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.PretrainedWeights;
import org.fer4j.models.weights.SafeTensors;
import org.fer4j.testing.SafeTensorsWriter;
import org.fer4j.training.ClassificationStep;
import org.fer4j.batches.PairedBatch;
import org.fer4j.training.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pretrained ResNet-18 weights from safetensors files that this test writes byte by byte from the
 * format's specification (8-byte little-endian header length, JSON header, raw little-endian data),
 * with names and shapes from torchvision's list in {@link ResNet18Test}, never from fer4j's code.
 */
class PretrainedWeightsTest {
    static final double WIDTH = 1.0 / 16;

    @TempDir
    Path dir;

    @Test
    void everyTorchvisionTensorLoadsIntoBothBackbonesAndFcIsIgnored() throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, SafeTensorsWriter.T> tensors = SafeTensorsWriter.torchvisionTensors(16, values);
        tensors.put("fc.weight", SafeTensorsWriter.f32(new long[] {1000, 32}, new float[32_000]));
        tensors.put("fc.bias", SafeTensorsWriter.f32(new long[] {1000}, new float[1000]));
        tensors.put("bn1.num_batches_tracked", new SafeTensorsWriter.T("I64", new long[0], new byte[] {7, 0, 0, 0, 0, 0, 0, 0}));
        Path file = write("resnet18.safetensors", tensors, Map.of("format", "pt"));

        try (FerModel m = FerModel.create(spec(ModelKind.SPNDL_NO_NEUTRAL, file, Map.of()), 3)) {
            PretrainedWeights.Report r = m.pretrainedReport();
            assertThat(r.loaded()).hasSize(ResNet18Test.TORCHVISION.size());
            assertThat(r.backbones()).containsExactlyInAnyOrder("expression", "neutral");
            assertThat(r.missing()).isEmpty();
            assertThat(r.misshaped()).isEmpty();
            assertThat(r.unexpected()).isEmpty();
            assertThat(r.ignored()).containsExactlyInAnyOrder("fc.weight", "fc.bias", "bn1.num_batches_tracked");
            assertThat(r.metadata()).containsEntry("format", "pt");
            Map<String, Parameter> p = m.namedParameters();
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                assertThat(p.get("expression." + e.getKey()).getArray().toFloatArray()).as(e.getKey()).isEqualTo(e.getValue());
                // without an explicit --nn-init-noise, f_n starts exactly where f_e does
                assertThat(p.get("neutral." + e.getKey()).getArray().toFloatArray()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        try (FerModel m = FerModel.create(spec(ModelKind.BASELINE, file, Map.of()), 3)) {
            assertThat(m.namedParameters().get("backbone.layer4.1.bn2.running_var").getArray().toFloatArray())
                    .isEqualTo(values.get("layer4.1.bn2.running_var"));
        }
    }

    @Test
    void identicalPretrainedBackbonesMoveApartFromTheFirstStep() throws IOException {
        Path file = write("w.safetensors", SafeTensorsWriter.torchvisionTensors(16, new LinkedHashMap<>()), Map.of());
        ModelSpec spec = spec(ModelKind.SPNDL_NO_NEUTRAL, file, Map.of());
        try (FerModel m = FerModel.create(spec, 5); NDManager sub = m.manager().newSubManager()) {
            int per = spec.preprocessing().length();
            float[] x = new float[4 * per];
            java.util.Random rng = new java.util.Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            PairedBatch b = new PairedBatch(x, null, new int[] {0, 1, 2, 0}, new int[] {0, 1, 2, 3}, 3, 32);
            new ClassificationStep(m, new TrainConfig(1, 4, 1e-2, 0.9, 0.999, 1, false, 0, 0.5)).train(sub, b);
            NDArray fe = m.namedParameters().get("expression.layer4.1.conv2.weight").getArray();
            NDArray fn = m.namedParameters().get("neutral.layer4.1.conv2.weight").getArray();
            assertThat(fe.sub(fn).abs().max().getFloat()).isGreaterThan(1e-4f);
        }
    }

    @Test
    void aWrongShapeOrAMissingTensorIsAnErrorNamingItUnlessPartial() throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, SafeTensorsWriter.T> tensors = SafeTensorsWriter.torchvisionTensors(16, values);
        tensors.put("layer2.0.conv1.weight", SafeTensorsWriter.f32(new long[] {8, 8, 3, 3}, new float[8 * 8 * 9]));
        tensors.remove("layer3.1.bn2.running_var");
        tensors.put("head.extra", SafeTensorsWriter.f32(new long[] {2}, new float[] {1, 2}));
        Path file = write("bad.safetensors", tensors, Map.of());

        assertThatThrownBy(() -> FerModel.create(spec(ModelKind.BASELINE, file, Map.of()), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer2.0.conv1.weight (file 8x8x3x3, model 8x4x3x3)")
                .hasMessageContaining("missing: layer3.1.bn2.running_var")
                .hasMessageContaining("--pretrained-partial");

        try (FerModel m = FerModel.create(spec(ModelKind.BASELINE, file, Map.of(PretrainedWeights.PARTIAL, "true")), 1)) {
            PretrainedWeights.Report r = m.pretrainedReport();
            assertThat(r.missing()).containsExactly("layer3.1.bn2.running_var");
            assertThat(r.misshaped()).extracting(PretrainedWeights.Mismatch::name).containsExactly("layer2.0.conv1.weight");
            assertThat(r.unexpected()).containsExactly("head.extra");
            assertThat(r.loaded()).hasSize(ResNet18Test.TORCHVISION.size() - 2);
            assertThat(r.summary()).contains("missing (random init kept): layer3.1.bn2.running_var");
            Map<String, Parameter> p = m.namedParameters();
            assertThat(p.get("backbone.layer2.0.conv2.weight").getArray().toFloatArray())
                    .isEqualTo(values.get("layer2.0.conv2.weight"));
            // kept at its initialisation: BatchNorm's running variance starts at 1
            assertThat(p.get("backbone.layer3.1.bn2.running_var").getArray().toFloatArray()).containsOnly(1f);
        }
    }

    @Test
    void weightsOfAnotherWidthSayWhichWidthTheyAreFor() throws IOException {
        Path file = write("wide.safetensors", SafeTensorsWriter.torchvisionTensors(8, new LinkedHashMap<>()), Map.of());
        assertThatThrownBy(() -> FerModel.create(spec(ModelKind.BASELINE, file, Map.of()), 1))
                .hasMessageContaining("conv1.weight (file 8x3x7x7, model 4x3x7x7)")
                .hasMessageContaining("--width 0.125");
    }

    @Test
    void aPrefixedExportNeedsItsPrefixAndRgbWeightsLoadIntoAGreyModel() throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, SafeTensorsWriter.T> plain = SafeTensorsWriter.torchvisionTensors(16, values);
        Map<String, SafeTensorsWriter.T> prefixed = new LinkedHashMap<>();
        plain.forEach((k, v) -> prefixed.put("module." + k, v));
        Path file = write("dp.safetensors", prefixed, Map.of());
        assertThatThrownBy(() -> FerModel.create(spec(ModelKind.BASELINE, file, Map.of()), 1))
                .hasMessageContaining("--pretrained-prefix module.");

        Preprocessing grey = new Preprocessing(32, 1, 0.1, new float[] {0.45f}, new float[] {0.225f});
        ModelSpec spec = new ModelSpec(ModelKind.BASELINE, WIDTH, grey, LabelSet.SIX_BASIC,
                Map.of(PretrainedWeights.FILE, file.toString(), PretrainedWeights.PREFIX, "module."));
        try (FerModel m = FerModel.create(spec, 1)) {
            assertThat(m.pretrainedReport().adapted()).hasSize(1);
            float[] rgb = values.get("conv1.weight");
            float[] g = m.namedParameters().get("backbone.conv1.weight").getArray().toFloatArray();
            assertThat(g).hasSize(rgb.length / 3);
            // [out][in][7][7]: grey weight (o, i) = sum over the three input channels
            assertThat(g[49 + 5]).isEqualTo(rgb[3 * 49 + 5] + rgb[3 * 49 + 49 + 5] + rgb[3 * 49 + 98 + 5]);
        }
    }

    @Test
    void malformedFilesAreRejectedWithTheReason() throws IOException {
        byte[] good = SafeTensorsWriter.bytes(Map.of("a", SafeTensorsWriter.f32(new long[] {2}, new float[] {1, 2})), Map.of());
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 4));
        assertThatThrownBy(() -> SafeTensors.open(truncated)).hasMessageContaining("outside the 4 data bytes");

        Path hugeHeader = dir.resolve("huge.safetensors");
        Files.write(hugeHeader, new byte[] {(byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, '{', '}'});
        assertThatThrownBy(() -> SafeTensors.open(hugeHeader)).hasMessageContaining("header length");

        Path wrongSize = raw("size.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        assertThatThrownBy(() -> SafeTensors.open(wrongSize)).hasMessageContaining("needs 12 bytes but its data_offsets span 8");

        Path overlap = raw("overlap.safetensors", "{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[2,6]}}", new byte[6]);
        assertThatThrownBy(() -> SafeTensors.open(overlap)).hasMessageContaining("overlap");

        Path notJson = raw("json.safetensors", "{not json}", new byte[0]);
        assertThatThrownBy(() -> SafeTensors.open(notJson)).hasMessageContaining("not valid JSON");

        Path pickle = dir.resolve("model.pth");
        Files.write(pickle, new byte[] {(byte) 0x80, 2, 'c', 'c', 'o', 'l', 'l', 'e', 'c', 't'});
        assertThatThrownBy(() -> FerModel.create(spec(ModelKind.BASELINE, pickle, Map.of()), 1))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("model.pth")
                .hasMessageContaining("converted first");
    }

    @Test
    void halfAndBfloatValuesDecodeExactly() throws IOException {
        // IEEE binary16 bit patterns from the standard, as little-endian bytes
        short[] half = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, (short) 0x8000, 0x7C00, 0x3555};
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        for (short s : half) {
            h.write(s & 0xff);
            h.write((s >> 8) & 0xff);
        }
        // bfloat16 is the top half of a float32: 1.0 = 0x3F80, -0.5 = 0xBF00, 3.0 = 0x4040
        byte[] bf = {(byte) 0x80, 0x3F, 0x00, (byte) 0xBF, 0x40, 0x40};
        Map<String, SafeTensorsWriter.T> m = new LinkedHashMap<>();
        m.put("h", new SafeTensorsWriter.T("F16", new long[] {half.length}, h.toByteArray()));
        m.put("b", new SafeTensorsWriter.T("BF16", new long[] {3}, bf));
        try (SafeTensors st = SafeTensors.open(write("dtypes.safetensors", m, Map.of()))) {
            assertThat(st.readFloats("h")).containsExactly(1f, -2f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY,
                    0.333251953125f);
            assertThat(st.readFloats("b")).containsExactly(1f, -0.5f, 3f);
        }
    }

    Path write(String name, Map<String, SafeTensorsWriter.T> tensors, Map<String, String> metadata) throws IOException {
        return SafeTensorsWriter.write(dir.resolve(name), tensors, metadata);
    }

    Path raw(String name, String header, byte[] data) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, SafeTensorsWriter.frame(header, data));
        return f;
    }

    static ModelSpec spec(ModelKind kind, Path file, Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>(extra);
        o.put(PretrainedWeights.FILE, file.toString());
        return new ModelSpec(kind, WIDTH, Preprocessing.rgb(32), LabelSet.SIX_BASIC, o);
    }
}
