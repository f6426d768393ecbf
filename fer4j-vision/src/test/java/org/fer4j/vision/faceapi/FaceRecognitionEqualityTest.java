package org.fer4j.vision.faceapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.vision.TestModels;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.tfjs.TfjsWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fer4j's FaceRecognitionNet (core's FaceResNet trunk + the 256→128 layer) against the original: face-api
 * 1.7.15 on TensorFlow.js (pure-JS CPU backend) computed {@code computeFaceDescriptor} on the same 150×150
 * crops ({@code scripts/reference.sh faceapi} wrote them and {@code recognition-reference.json}); every
 * descriptor value must agree within 1e-3.
 */
class FaceRecognitionEqualityTest {
    static final double TOLERANCE = 1e-3;
    private static FaceRecognitionModel model;
    private static Reference reference;

    @BeforeAll
    static void load() throws IOException {
        reference = Reference.load("recognition-reference.json");
        model = FaceRecognitionModel.load(TestModels.require(FaceRecognitionModel.ARTIFACT));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void descriptorsEqualTheTensorFlowJsOriginal() {
        List<byte[]> crops = reference.crops();
        assertThat(crops).hasSize(4);
        float[][] got = model.descriptors(reference.cropArray());
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            JsonNode want = reference.json().path("faces").get(i).path("descriptor");
            assertThat(got[i]).hasSize(want.size()).hasSize(FaceDescriptor.SIZE);
            for (int k = 0; k < got[i].length; k++) {
                worst = Math.max(worst, Math.abs(got[i][k] - want.get(k).asDouble()));
            }
        }
        System.out.printf("FaceRecognitionEqualityTest: %d crops x 128 values, max |d_fer4j - d_tfjs| = %.3g (tolerance %.0e)%n",
                got.length, worst, TOLERANCE);
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
        float[] single = model.descriptors(crops.get(2))[0];
        for (int k = 0; k < single.length; k++) {
            assertThat((double) single[k]).isCloseTo(got[2][k], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void anotherPersonIsFartherThanTheSameFaceShifted() {
        Map<String, FaceDescriptor> people = new LinkedHashMap<>();
        Map<String, FaceDescriptor> shifted = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            byte[] crop = reference.crops().get(i);
            String name = reference.json().path("faces").get(i).path("file").asText();
            people.put(name, new FaceDescriptor(model.descriptors(crop)[0]));
            shifted.put(name, new FaceDescriptor(model.descriptors(shift(crop, 4, 3))[0]));
        }
        double worstSelf = 0;
        double closestOther = Double.MAX_VALUE;
        for (String a : people.keySet()) {
            worstSelf = Math.max(worstSelf, shifted.get(a).distanceTo(people.get(a)));
            for (String b : people.keySet()) {
                if (!a.equals(b)) {
                    closestOther = Math.min(closestOther, people.get(a).distanceTo(people.get(b)));
                }
            }
            FaceDescriptors.Match m = FaceDescriptors.nearest(shifted.get(a), people).orElseThrow();
            assertThat(m.name()).as("nearest reference of %s shifted by (4, 3) px", a).isEqualTo(a);
            assertThat(m.samePerson()).isTrue();
        }
        System.out.printf("FaceRecognitionEqualityTest: same face shifted (4, 3) px: distance <= %.3f; different fixture people: >= %.3f%n",
                worstSelf, closestOther);
        assertThat(worstSelf).isLessThan(closestOther);
    }

    @Test
    void describeAnImageAsTheCropBytes() {
        byte[] crop = reference.crops().get(0);
        int s = FaceRecognitionModel.SIZE;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int o = (y * s + x) * 3;
                img.setRGB(x, y, (crop[o] & 0xff) << 16 | (crop[o + 1] & 0xff) << 8 | (crop[o + 2] & 0xff));
            }
        }
        float[] want = model.descriptors(crop)[0];
        float[] got = model.describe(img).values();
        for (int k = 0; k < want.length; k++) {
            assertThat((double) got[k]).isCloseTo(want[k], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void aManifestMissingATensorIsAnIoExceptionNamingIt(@TempDir Path dir) throws IOException {
        ModelStore store = TestModels.require(FaceRecognitionModel.ARTIFACT);
        Path src = store.require(ModelCatalog.builtIn().get(FaceRecognitionModel.ARTIFACT));
        Files.copy(src.resolve("face_recognition_model.bin"), dir.resolve("face_recognition_model.bin"));
        String manifest = Files.readString(src.resolve(FaceRecognitionModel.MANIFEST));
        String gone = "conv128_1/conv2/scale/biases";
        assertThat(manifest).contains('"' + gone + '"');
        Path edited = dir.resolve(FaceRecognitionModel.MANIFEST);
        Files.writeString(edited, manifest.replace('"' + gone + '"', "\"conv128_1/conv2/scale/offsets\""));
        TfjsWeights weights = TfjsWeights.read(edited);
        assertThatThrownBy(() -> FaceRecognitionModel.load(weights)).isInstanceOf(IOException.class)
                .hasMessageContaining(gone).hasMessageNotContaining("conv128_1/conv2/scale/weights");
    }

    /** The crop moved right by {@code dx} and down by {@code dy} pixels, the edge repeated into the gap. */
    static byte[] shift(byte[] crop, int dx, int dy) {
        int s = FaceRecognitionModel.SIZE;
        byte[] out = new byte[crop.length];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int sx = Math.max(0, x - dx);
                int sy = Math.max(0, y - dy);
                System.arraycopy(crop, (sy * s + sx) * 3, out, (y * s + x) * 3, 3);
            }
        }
        return out;
    }
}
