package org.fer4j.vision.faceapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.fer4j.vision.TestModels;
import org.junit.jupiter.api.Test;

/**
 * fer4j's FaceLandmark68Net against the original: face-api 1.7.15's {@code detectLandmarks} on
 * TensorFlow.js (pure-JS CPU backend) on the same 112×112 crops ({@code landmark-reference.json}, written
 * by {@code scripts/reference.sh}); every coordinate must agree within 0.5 px at 112 px (the bound).
 */
class FaceLandmarkEqualityTest {
    static final double TOLERANCE_PX = 0.5;

    @Test
    void landmarksEqualTheTensorFlowJsOriginal() throws Exception {
        Reference reference = Reference.load("landmark-reference.json");
        JsonNode ref = reference.json();
        List<byte[]> crops = reference.crops();
        assertThat(crops).hasSizeGreaterThanOrEqualTo(3);
        try (FaceLandmarkModel model = FaceLandmarkModel.load(TestModels.require(FaceLandmarkModel.ARTIFACT))) {
            float[][] got = model.landmarks(crops.toArray(byte[][]::new));
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                JsonNode pts = ref.path("faces").get(i).path("points");
                assertThat(pts.size()).isEqualTo(FaceLandmarkModel.POINTS);
                assertThat(got[i]).hasSize(2 * FaceLandmarkModel.POINTS);
                for (int p = 0; p < FaceLandmarkModel.POINTS; p++) {
                    worst = Math.max(worst, Math.abs(got[i][2 * p] - pts.get(p).get(0).asDouble()));
                    worst = Math.max(worst, Math.abs(got[i][2 * p + 1] - pts.get(p).get(1).asDouble()));
                }
            }
            System.out.printf("FaceLandmarkEqualityTest: %d crops x 68 points, max |xy_fer4j - xy_tfjs| = %.3g px at 112 px"
                    + " (tolerance %.1f)%n", got.length, worst, TOLERANCE_PX);
            assertThat(worst).isLessThanOrEqualTo(TOLERANCE_PX);
            // A face's points span a face-sized region of the crop, not a degenerate spot.
            float minX = Float.MAX_VALUE;
            float maxX = -Float.MAX_VALUE;
            for (int p = 0; p < FaceLandmarkModel.POINTS; p++) {
                minX = Math.min(minX, got[0][2 * p]);
                maxX = Math.max(maxX, got[0][2 * p]);
            }
            assertThat(maxX - minX).isGreaterThan(40f);
        }
    }
}
