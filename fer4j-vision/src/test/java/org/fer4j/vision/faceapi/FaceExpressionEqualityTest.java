package org.fer4j.vision.faceapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.fer4j.vision.TestModels;
import org.junit.jupiter.api.Test;

/**
 * fer4j's FaceExpressionNet (FaceApiNet, 7 outputs) against the original: face-api 1.7.15 on TensorFlow.js (pure-JS CPU
 * backend) ran on the same 112×112 crops ({@code scripts/reference.sh} wrote the crops and
 * {@code expression-reference.json}); every probability must agree within 1e-3.
 */
class FaceExpressionEqualityTest {
    static final double TOLERANCE = 1e-3;

    @Test
    void probabilitiesEqualTheTensorFlowJsOriginal() throws Exception {
        Reference reference = Reference.load("expression-reference.json");
        JsonNode ref = reference.json();
        List<byte[]> crops = reference.crops();
        assertThat(crops).hasSizeGreaterThanOrEqualTo(3);
        try (FaceExpressionModel model = FaceExpressionModel.load(TestModels.require(FaceExpressionModel.ARTIFACT))) {
            float[][] probs = model.probabilities(crops.toArray(byte[][]::new));
            double worst = 0;
            for (int i = 0; i < probs.length; i++) {
                JsonNode want = ref.path("faces").get(i).path("probabilities");
                assertThat(probs[i]).hasSize(want.size());
                int argJs = 0;
                int argJava = 0;
                for (int k = 0; k < probs[i].length; k++) {
                    worst = Math.max(worst, Math.abs(probs[i][k] - want.get(k).asDouble()));
                    argJs = want.get(k).asDouble() > want.get(argJs).asDouble() ? k : argJs;
                    argJava = probs[i][k] > probs[i][argJava] ? k : argJava;
                }
                assertThat(argJava).as("top class of %s", ref.path("faces").get(i).path("file").asText()).isEqualTo(argJs);
            }
            System.out.printf("FaceExpressionEqualityTest: %d crops, max |p_fer4j - p_tfjs| = %.3g (tolerance %.0e)%n",
                    probs.length, worst, TOLERANCE);
            assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
            // Batched and one-at-a-time give the same answer.
            float[] single = model.probabilities(crops.get(0))[0];
            for (int k = 0; k < single.length; k++) {
                assertThat((double) single[k]).isCloseTo(probs[0][k], org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void labelsFollowFaceApisOrder() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("expression-reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        JsonNode labels = ref.path("faces").get(0).path("labels");
        for (FaceExpression e : FaceExpression.values()) {
            assertThat(labels.get(e.ordinal()).asText()).isEqualToIgnoringCase(e.name());
        }
    }
}
