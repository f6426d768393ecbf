package org.fer4j.vision.detect.haar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.fer4j.vision.FixtureFaces;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectors;
import org.junit.jupiter.api.Test;

/** The Haar cascade finds real faces where they were drawn, and nothing on a blank frame. */
class HaarDetectorTest {
    static double iou(org.fer4j.data.FaceBox a, double x, double y, double s) {
        double ix = Math.max(0, Math.min(a.x() + a.width(), x + s) - Math.max(a.x(), x));
        double iy = Math.max(0, Math.min(a.y() + a.height(), y + s) - Math.max(a.y(), y));
        double inter = ix * iy;
        return inter / (a.width() * a.height() + s * s - inter);
    }

    @Test
    void findsEachFixtureFaceWhereItWasDrawn() throws Exception {
        try (HaarDetector haar = HaarDetector.open()) {
            for (int i : FixtureFaces.FRONTAL) {
                BufferedImage frame = FixtureFaces.frame(200, 160, new int[] {i, 50, 20, 112});
                List<DetectedFace> faces = haar.detect(frame);
                assertThat(faces).as("fixture face %d", i).hasSize(1);
                DetectedFace f = faces.get(0);
                assertThat(iou(f.box(), 50, 20, 112)).as("fixture face %d box %s", i, f.box()).isGreaterThan(0.4);
                assertThat(f.score()).isBetween(0.0, 1.0);
                assertThat(f.keypoints()).isEmpty();
            }
        }
    }

    @Test
    void twoFacesInOneFrameBestScoreFirst() throws Exception {
        try (FaceDetector haar = FaceDetectors.open("haar", FaceDetectors.Options.defaults())) {
            List<DetectedFace> faces = haar.detect(FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}));
            assertThat(faces).hasSize(2);
            assertThat(faces.get(0).score()).isGreaterThanOrEqualTo(faces.get(1).score());
            assertThat(faces).anySatisfy(f -> assertThat(iou(f.box(), 10, 20, 112)).isGreaterThan(0.4))
                    .anySatisfy(f -> assertThat(iou(f.box(), 190, 30, 112)).isGreaterThan(0.4));
        }
    }

    @Test
    void blankAndTinyFramesHaveNoFace() throws Exception {
        try (HaarDetector haar = HaarDetector.open()) {
            assertThat(haar.detect(FixtureFaces.frame(160, 120))).isEmpty();
            assertThat(haar.detect(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB))).isEmpty();
        }
    }

    @Test
    void aHighMinimumScoreDropsFaces() throws Exception {
        try (HaarDetector all = HaarDetector.open(); HaarDetector strict = HaarDetector.builder().optMinScore(1.0).build()) {
            BufferedImage frame = FixtureFaces.frame(200, 160, new int[] {2, 50, 20, 112});
            assertThat(all.detect(frame)).isNotEmpty();
            assertThat(strict.detect(frame)).isEmpty();
        }
    }

    @Test
    void badSettingsAndUnknownNamesAreRefused() throws Exception {
        assertThatThrownBy(() -> HaarDetector.builder().optScaleFactor(1.0).build()).hasMessageContaining("scale factor");
        assertThatThrownBy(() -> HaarDetector.builder().optMinFaceSide(3).build()).hasMessageContaining("smallest face side");
        assertThatThrownBy(() -> FaceDetectors.open("nope", FaceDetectors.Options.defaults()))
                .hasMessageContaining("unknown face detector 'nope'").hasMessageContaining("haar");
        assertThatThrownBy(() -> HaarDetector.builder().optCascade(java.nio.file.Path.of("/no/such.xml")).build())
                .hasMessageContaining("/no/such.xml");
        HaarDetector h = HaarDetector.open();
        h.close();
        h.close();
        assertThatThrownBy(() -> h.detect(FixtureFaces.frame(64, 64))).hasMessageContaining("closed");
    }
}
