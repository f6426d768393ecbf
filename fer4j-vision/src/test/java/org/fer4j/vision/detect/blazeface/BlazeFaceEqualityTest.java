package org.fer4j.vision.detect.blazeface;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageFiles;
import org.fer4j.vision.TestModels;
import org.fer4j.vision.detect.DetectedFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fer4j's BlazeFace against a reference written by {@code scripts/reference.sh blazeface}: the same ONNX
 * file on onnxruntime-node 1.20.1 (its own native build), photos decoded by jpeg-js, and the decoding
 * written a second time in JavaScript from the npm package's shaders. Raw outputs on identical inputs
 * must agree within 1e-3; detections on the photos (each side decoding its own JPEG) with IoU ≥ 0.95.
 * Recall is counted against face-api's TinyFaceDetector on the same photos and against a count by eye.
 */
class BlazeFaceEqualityTest {
    static final double RAW_TOLERANCE = 1e-3;
    static final double MIN_IOU = 0.95;
    /** Faces in face-api's demo/sample1-6.jpg, counted by eye (every one is a clear frontal or 3/4 face). */
    static final int[] FACES_BY_EYE = {3, 3, 3, 4, 5, 4};
    static JsonNode ref;
    static BlazeFaceDetector whole;
    static BlazeFaceDetector tiled;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = resource("blazeface-reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        var store = TestModels.require(BlazeFaceDetector.ARTIFACT);
        whole = BlazeFaceDetector.load(store, BlazeFaceOptions.defaults().withTiles(1).withIntraOpThreads(1));
        tiled = BlazeFaceDetector.load(store, BlazeFaceOptions.defaults().withTiles(3).withIntraOpThreads(1));
    }

    @AfterAll
    static void close() {
        if (whole != null) {
            whole.close();
        }
        if (tiled != null) {
            tiled.close();
        }
    }

    static InputStream resource(String name) throws IOException {
        InputStream in = BlazeFaceEqualityTest.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not found next to the tests; run scripts/reference.sh blazeface");
        }
        return in;
    }

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void rawOutputsEqualOnnxRuntimeNodeOnTheSameInputs() throws IOException {
        double worst = 0;
        int count = 0;
        for (JsonNode r : ref.path("raw")) {
            byte[] input = bytes(r.path("input").asText());
            ByteBuffer expected = ByteBuffer.wrap(bytes(r.path("raw").asText())).order(ByteOrder.LITTLE_ENDIAN);
            BlazeFaceDetector.Output got = whole.run(input);
            assertThat(expected.remaining()).isEqualTo(4 * (got.scores().length + got.boxes().length));
            for (float s : got.scores()) {
                worst = Math.max(worst, Math.abs(s - expected.getFloat()));
            }
            for (float b : got.boxes()) {
                worst = Math.max(worst, Math.abs(b - expected.getFloat()));
            }
            count++;
        }
        System.out.printf("BlazeFaceEqualityTest: %d inputs x 15,232 raw outputs, max |fer4j - onnxruntime-node| = %.3g"
                + " (tolerance %.0e)%n", count, worst, RAW_TOLERANCE);
        assertThat(count).isEqualTo(4);
        assertThat(worst).isLessThanOrEqualTo(RAW_TOLERANCE);
    }

    @Test
    void detectionsEqualTheReferenceOnTheDemoPhotos() throws IOException {
        for (String mode : List.of("tiles1", "tiles3")) {
            BlazeFaceDetector detector = mode.equals("tiles1") ? whole : tiled;
            double minIou = 1;
            double worstScore = 0;
            int faces = 0;
            for (JsonNode photo : ref.path("photos")) {
                String file = photo.path("file").asText();
                BufferedImage img = ImageFiles.decode(bytes(file), file);
                List<DetectedFace> got = detector.detect(img);
                JsonNode want = photo.path(mode);
                assertThat(got).as(file + " " + mode).hasSize(want.size());
                for (JsonNode w : want) {
                    FaceBox wb = box(w.path("box"));
                    DetectedFace best = got.stream().max((a, b) -> Double.compare(iou(a.box(), wb), iou(b.box(), wb))).orElseThrow();
                    minIou = Math.min(minIou, iou(best.box(), wb));
                    worstScore = Math.max(worstScore, Math.abs(best.score() - w.path("score").asDouble()));
                    faces++;
                }
                for (int i = 1; i < got.size(); i++) {
                    assertThat(got.get(i).score()).isLessThanOrEqualTo(got.get(i - 1).score());
                }
            }
            System.out.printf("BlazeFaceEqualityTest: %s: %d faces on %d photos, min IoU with the reference %.4f (bound %.2f),"
                    + " max |score diff| %.3g%n", mode, faces, ref.path("photos").size(), minIou, MIN_IOU, worstScore);
            assertThat(minIou).as(mode).isGreaterThanOrEqualTo(MIN_IOU);
            assertThat(worstScore).as(mode).isLessThan(0.02);
        }
    }

    @Test
    void recallOnTheDemoPhotos() throws IOException {
        int tiny = 0;
        int byEye = 0;
        int[] foundTiny = new int[2];
        int[] found = new int[2];
        int i = 0;
        for (JsonNode photo : ref.path("photos")) {
            String file = photo.path("file").asText();
            BufferedImage img = ImageFiles.decode(bytes(file), file);
            List<FaceBox> tinyBoxes = new ArrayList<>();
            photo.path("tinyFaceDetector").forEach(t -> tinyBoxes.add(box(t.path("box"))));
            tiny += tinyBoxes.size();
            byEye += FACES_BY_EYE[i++];
            for (int m = 0; m < 2; m++) {
                List<DetectedFace> got = (m == 0 ? whole : tiled).detect(img);
                found[m] += got.size();
                for (FaceBox t : tinyBoxes) {
                    // Different detectors draw different boxes around a face: the same face overlaps by IoU ≥ 0.3.
                    if (got.stream().anyMatch(d -> iou(d.box(), t) >= 0.3)) {
                        foundTiny[m]++;
                    }
                }
            }
        }
        for (int m = 0; m < 2; m++) {
            System.out.printf("BlazeFaceEqualityTest: recall, %s: %d of %d TinyFaceDetector faces (%.0f %%); %d detections"
                    + " for %d faces counted by eye%n", m == 0 ? "whole photo" : "whole photo + 3x3 tiles", foundTiny[m], tiny,
                    100.0 * foundTiny[m] / tiny, found[m], byEye);
        }
        assertThat(foundTiny[1]).isEqualTo(tiny);
        assertThat(found[1]).isEqualTo(byEye);
        assertThat(foundTiny[0]).isLessThan(foundTiny[1]);
    }

    static FaceBox box(JsonNode b) {
        return new FaceBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
    }

    static double iou(FaceBox a, FaceBox b) {
        double ix = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double iy = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / (a.width() * a.height() + b.width() * b.height() - inter);
    }
}
