package org.fer4j.vision.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageFiles;
import org.fer4j.vision.TestModels;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.detect.blazeface.BlazeFaceDetector;
import org.fer4j.vision.detect.blazeface.BlazeFaceOptions;
import org.fer4j.vision.faceapi.FaceLandmarkModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The crop fer4j takes of a face it found (BlazeFace → landmarks on BlazeFace's region → box of the
 * landmarks' extreme points → Preprocessing's square with a 10 % margin) against the crop from reference
 * landmarks: face-api's own pipeline on TensorFlow.js (TinyFaceDetector's box, squared, landmarks), as
 * {@code scripts/reference.sh faceapi} recorded them for face-api's demo/sample1-3.jpg. The two start
 * from different detectors, so the bound is on the crop, not on each point: IoU ≥ 0.85 and centres within
 * 5 % of the side.
 */
class AlignedCropTest {
    static final double MIN_IOU = 0.85;
    static final double MAX_CENTRE_SHIFT = 0.05;
    static final double MARGIN = 0.1;
    static BlazeFaceDetector detector;
    static LandmarkLocator locator;

    @BeforeAll
    static void load() throws IOException {
        detector = BlazeFaceDetector.load(TestModels.require(BlazeFaceDetector.ARTIFACT), BlazeFaceOptions.defaults().withIntraOpThreads(1));
        locator = LandmarkLocator.load(TestModels.require(FaceLandmarkModel.ARTIFACT));
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
        if (locator != null) {
            locator.close();
        }
    }

    static JsonNode json(String resource) throws IOException {
        try (InputStream in = AlignedCropTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " not found; run scripts/reference.sh");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    static BufferedImage photo(String file) throws IOException {
        String res = "/org/fer4j/vision/detect/blazeface/" + file;
        try (InputStream in = AlignedCropTest.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IOException(res + " not found; run scripts/reference.sh blazeface");
            }
            return ImageFiles.decode(in.readAllBytes(), file);
        }
    }

    @Test
    void cropFromDetectedLandmarksMatchesTheCropFromReferenceLandmarks() throws IOException {
        JsonNode expr = json("/org/fer4j/vision/faceapi/expression-reference.json").path("faces");
        JsonNode marks = json("/org/fer4j/vision/faceapi/landmark-reference.json").path("faces");
        double minIou = 1;
        double maxShift = 0;
        double maxPointError = 0;
        int faces = 0;
        for (int i = 0; i < expr.size(); i++) {
            JsonNode det = expr.get(i).path("detection");
            if (det.isMissingNode() || det.isNull()) {
                continue; // the synthetic pattern
            }
            String file = expr.get(i).path("source").asText().replace("demo/", "");
            BufferedImage img = photo(file);
            // face-api's crop: the TinyFaceDetector box squared around its centre, landmarks in its 112 px.
            double side = Math.max(det.path("width").asDouble(), det.path("height").asDouble());
            double x0 = det.path("x").asDouble() + det.path("width").asDouble() / 2 - side / 2;
            double y0 = det.path("y").asDouble() + det.path("height").asDouble() / 2 - side / 2;
            List<double[]> pts = new ArrayList<>();
            for (JsonNode p : marks.get(i).path("points")) {
                pts.add(new double[] {x0 + p.get(0).asDouble() * side / 112, y0 + p.get(1).asDouble() * side / 112});
            }
            FaceLandmarks reference = new FaceLandmarks(pts);
            FaceBox tiny = new FaceBox(det.path("x").asDouble(), det.path("y").asDouble(), det.path("width").asDouble(),
                    det.path("height").asDouble());
            DetectedFace face = detector.detect(img).stream()
                    .max((a, b) -> Double.compare(iou(a.box(), tiny), iou(b.box(), tiny))).orElseThrow();
            assertThat(iou(face.box(), tiny)).as(file + ": BlazeFace finds face-api's face").isGreaterThan(0.3);
            FaceLandmarks found = locator.locate(img, face);
            FaceBox a = AlignedCrop.square(found.box(), MARGIN);
            FaceBox b = AlignedCrop.square(reference.box(), MARGIN);
            double shift = Math.hypot(a.x() + a.width() / 2 - b.x() - b.width() / 2, a.y() + a.height() / 2 - b.y() - b.height() / 2)
                    / b.width();
            double eyes = Math.hypot(reference.leftEye()[0] - reference.rightEye()[0], reference.leftEye()[1] - reference.rightEye()[1]);
            double err = 0;
            for (int p = 0; p < FaceLandmarks.POINTS; p++) {
                err += Math.hypot(found.points().get(p)[0] - pts.get(p)[0], found.points().get(p)[1] - pts.get(p)[1]);
            }
            err /= FaceLandmarks.POINTS * eyes;
            System.out.printf("AlignedCropTest: %s: crop IoU %.3f, centre shift %.3f of the side, side ratio %.3f,"
                    + " mean landmark distance %.3f of the eye distance%n", file, iou(a, b), shift, a.width() / b.width(), err);
            minIou = Math.min(minIou, iou(a, b));
            maxShift = Math.max(maxShift, shift);
            maxPointError = Math.max(maxPointError, err);
            faces++;
        }
        System.out.printf("AlignedCropTest: %d faces: min crop IoU %.3f (bound %.2f), max centre shift %.3f (bound %.2f),"
                + " max mean landmark distance %.3f eye distances%n", faces, minIou, MIN_IOU, maxShift, MAX_CENTRE_SHIFT, maxPointError);
        assertThat(faces).isEqualTo(3);
        assertThat(minIou).isGreaterThanOrEqualTo(MIN_IOU);
        assertThat(maxShift).isLessThanOrEqualTo(MAX_CENTRE_SHIFT);
    }

    @Test
    void levellingTurnsTheEyeLineHorizontal() throws IOException {
        BufferedImage img = photo("sample1.jpg");
        double maxBefore = 0;
        double maxAfter = 0;
        for (DetectedFace face : detector.detect(img)) {
            FaceLandmarks lm = locator.locate(img, face);
            AlignedCrop.Levelled lev = AlignedCrop.levelEyes(img, lm);
            assertThat(Math.toDegrees(lev.landmarks().eyeAngle())).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(lev.angleDegrees()).isCloseTo(Math.toDegrees(lm.eyeAngle()), org.assertj.core.data.Offset.offset(1e-9));
            // The network, run again on the turned patch, sees level eyes: image and points turned alike.
            FaceBox region = AlignedCrop.square(lev.box(), 0.15);
            FaceLandmarks again = locator.locate(lev.image(), region);
            maxBefore = Math.max(maxBefore, Math.abs(lev.angleDegrees()));
            maxAfter = Math.max(maxAfter, Math.abs(Math.toDegrees(again.eyeAngle())));
        }
        System.out.printf("AlignedCropTest: sample1 eye-line tilt up to %.1f deg before levelling, %.1f deg after (landmarks rerun)%n",
                maxBefore, maxAfter);
        assertThat(maxBefore).isGreaterThan(10);
        assertThat(maxAfter).isLessThan(4);
    }

    @Test
    void theLandmarkCropperCutsByTheLandmarksAndTheAlignedOneLevelsTheEyesFirst() throws IOException {
        BufferedImage img = photo("sample1.jpg");
        LandmarkCropper byLandmarks = LandmarkCropper.using(locator, LandmarkCropper.Mode.LANDMARKS);
        LandmarkCropper aligned = LandmarkCropper.using(locator, LandmarkCropper.Mode.ALIGNED);
        int tilted = 0;
        for (DetectedFace face : detector.detect(img)) {
            FaceLandmarks lm = locator.locate(img, face);
            FaceCropper.Crop plain = byLandmarks.crop(img, face);
            assertThat(plain.image()).isSameAs(img); // the photo itself, cut by the landmarks' box
            assertThat(iou(plain.box(), lm.box())).isGreaterThan(0.999);
            assertThat(iou(plain.box(), face.box())).isLessThan(0.999); // not the detector's box
            FaceCropper.Crop level = aligned.crop(img, face);
            AlignedCrop.Levelled expected = AlignedCrop.levelEyes(img, lm);
            assertThat(level.image().getWidth()).isEqualTo(expected.image().getWidth());
            assertThat(iou(level.box(), expected.box())).isGreaterThan(0.999);
            if (Math.abs(Math.toDegrees(lm.eyeAngle())) > 10) {
                tilted++;
                assertThat(level.image()).isNotSameAs(img);
            }
        }
        assertThat(tilted).as("sample1 has a tilted face").isPositive();
        byLandmarks.close(); // borrowed locator: closing the cropper leaves it usable
        assertThat(locator.locate(img, detector.detect(img).get(0)).points()).hasSize(FaceLandmarks.POINTS);
    }

    @Test
    void landmarksAndMarginsAreValidated() {
        assertThatThrownBy(() -> new FaceLandmarks(List.of(new double[] {1, 2}))).hasMessageContaining("68 landmarks");
        double[] xy = new double[136];
        xy[5] = Double.NaN;
        assertThatThrownBy(() -> FaceLandmarks.ofInterleaved(xy)).hasMessageContaining("landmark 2");
        assertThatThrownBy(() -> AlignedCrop.square(new FaceBox(0, 0, 1, 1), 2)).hasMessageContaining("margin");
    }

    static double iou(FaceBox a, FaceBox b) {
        double ix = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double iy = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        return ix * iy / (a.width() * a.height() + b.width() * b.height() - ix * iy);
    }
}
