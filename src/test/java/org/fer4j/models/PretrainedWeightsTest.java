package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.weights.PretrainedWeights;
import org.fer4j.models.weights.SafeTensors;
import org.fer4j.training.ClassificationStep;
import org.fer4j.training.PairedBatch;
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

    /** A tensor as the test writes it. */
    record T(String dtype, long[] shape, byte[] data) {
    }

    @Test
    void everyTorchvisionTensorLoadsIntoBothBackbonesAndFcIsIgnored() throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, T> tensors = torchvisionTensors(16, values);
        tensors.put("fc.weight", f32(new long[] {1000, 32}, new float[32_000]));
        tensors.put("fc.bias", f32(new long[] {1000}, new float[1000]));
        tensors.put("bn1.num_batches_tracked", new T("I64", new long[0], new byte[] {7, 0, 0, 0, 0, 0, 0, 0}));
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
        Path file = write("w.safetensors", torchvisionTensors(16, new LinkedHashMap<>()), Map.of());
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
        Map<String, T> tensors = torchvisionTensors(16, values);
        tensors.put("layer2.0.conv1.weight", f32(new long[] {8, 8, 3, 3}, new float[8 * 8 * 9]));
        tensors.remove("layer3.1.bn2.running_var");
        tensors.put("head.extra", f32(new long[] {2}, new float[] {1, 2}));
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
        Path file = write("wide.safetensors", torchvisionTensors(8, new LinkedHashMap<>()), Map.of());
        assertThatThrownBy(() -> FerModel.create(spec(ModelKind.BASELINE, file, Map.of()), 1))
                .hasMessageContaining("conv1.weight (file 8x3x7x7, model 4x3x7x7)")
                .hasMessageContaining("--width 0.125");
    }

    @Test
    void aPrefixedExportNeedsItsPrefixAndRgbWeightsLoadIntoAGreyModel() throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, T> plain = torchvisionTensors(16, values);
        Map<String, T> prefixed = new LinkedHashMap<>();
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
        byte[] good = bytes(Map.of("a", f32(new long[] {2}, new float[] {1, 2})), Map.of());
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
        Map<String, T> m = new LinkedHashMap<>();
        m.put("h", new T("F16", new long[] {half.length}, h.toByteArray()));
        m.put("b", new T("BF16", new long[] {3}, bf));
        try (SafeTensors st = SafeTensors.open(write("dtypes.safetensors", m, Map.of()))) {
            assertThat(st.readFloats("h")).containsExactly(1f, -2f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY,
                    0.333251953125f);
            assertThat(st.readFloats("b")).containsExactly(1f, -0.5f, 3f);
        }
    }

    // ---- the test's own writer, from the format's specification ----

    /** torchvision's ResNet-18 tensors at width 1/divisor, with values exactly representable in F16 and BF16. */
    static Map<String, T> torchvisionTensors(int divisor, Map<String, float[]> values) {
        Map<String, T> out = new LinkedHashMap<>();
        int j = 0;
        for (String line : ResNet18Test.TORCHVISION) {
            String name = line.split(" ")[0];
            String[] dims = line.split(" ")[1].split("x");
            long[] shape = new long[dims.length];
            int n = 1;
            for (int d = 0; d < dims.length; d++) {
                long v = Long.parseLong(dims[d]);
                shape[d] = v == 3 && d == 1 ? 3 : (d < 2 ? v / divisor : v); // channels scale, kernels and RGB do not
                n *= (int) shape[d];
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = name.endsWith("running_var") ? 1 + (i % 5) / 8f : ((j * 7 + i) % 61 - 30) / 64f;
            }
            values.put(name, v);
            out.put(name, switch (j % 3) {
                case 0 -> f32(shape, v);
                case 1 -> f16(shape, v);
                default -> bf16(shape, v);
            });
            j++;
        }
        return out;
    }

    static T f32(long[] shape, float[] v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToIntBits(v[i]);
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (bits >>> (8 * k));
            }
        }
        return new T("F32", shape, b);
    }

    static T bf16(long[] shape, float[] v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToIntBits(v[i]) >>> 16;
            b[2 * i] = (byte) bits;
            b[2 * i + 1] = (byte) (bits >>> 8);
        }
        return new T("BF16", shape, b);
    }

    /** Binary16 for normal values with at most 10 mantissa bits (all the test uses) and zero. */
    static T f16(long[] shape, float[] v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            int f = Float.floatToIntBits(v[i]);
            int sign = (f >>> 16) & 0x8000;
            int exp = ((f >>> 23) & 0xff) - 127 + 15;
            int h = v[i] == 0 ? sign : sign | (exp << 10) | ((f >>> 13) & 0x3ff);
            b[2 * i] = (byte) h;
            b[2 * i + 1] = (byte) (h >>> 8);
        }
        return new T("F16", shape, b);
    }

    Path write(String name, Map<String, T> tensors, Map<String, String> metadata) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes(tensors, metadata));
        return f;
    }

    Path raw(String name, String header, byte[] data) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, frame(header, data));
        return f;
    }

    static byte[] bytes(Map<String, T> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            List<String> kv = new ArrayList<>();
            metadata.forEach((k, v) -> kv.add("\"" + k + "\":\"" + v + "\""));
            json.append(String.join(",", kv)).append("},");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, T> e : tensors.entrySet()) {
            long begin = data.size();
            data.writeBytes(e.getValue().data());
            StringBuilder shape = new StringBuilder();
            for (long d : e.getValue().shape()) {
                shape.append(shape.length() == 0 ? "" : ",").append(d);
            }
            entries.add("\"" + e.getKey() + "\":{\"dtype\":\"" + e.getValue().dtype() + "\",\"shape\":[" + shape
                    + "],\"data_offsets\":[" + begin + "," + data.size() + "]}");
        }
        json.append(String.join(",", entries)).append("}");
        return frame(json.toString(), data.toByteArray());
    }

    /** Header length as unsigned 64-bit little-endian, the header padded with spaces to 8 bytes, then the data. */
    static byte[] frame(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k < 8; k++) {
            out.write((int) ((long) padded >>> (8 * k)) & 0xff);
        }
        out.writeBytes(h);
        for (int k = h.length; k < padded; k++) {
            out.write(' ');
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    static ModelSpec spec(ModelKind kind, Path file, Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>(extra);
        o.put(PretrainedWeights.FILE, file.toString());
        return new ModelSpec(kind, WIDTH, Preprocessing.rgb(32), LabelSet.SIX_BASIC, o);
    }
}
