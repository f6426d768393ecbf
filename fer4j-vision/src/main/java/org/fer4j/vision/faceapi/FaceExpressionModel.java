package org.fer4j.vision.faceapi;

import java.io.IOException;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.tfjs.TfjsWeights;

/**
 * The ready expression model: face-api's FaceExpressionNet ({@link FaceApiNet} with 7 outputs) with its
 * pretrained weights from the {@link ModelStore} (never downloaded here), giving 7 probabilities in
 * {@link FaceExpression} order for a 112×112 RGB face crop. Owns native memory; one instance serialises
 * its calls and may be shared.
 */
public final class FaceExpressionModel implements AutoCloseable {
    /** The store name of its weights. */
    public static final String ARTIFACT = "faceapi-expression";
    static final String MANIFEST = "face_expression_model-weights_manifest.json";
    private final FaceApiRunner runner;

    private FaceExpressionModel(FaceApiRunner runner) {
        this.runner = runner;
    }

    /** Loads it from a store, verifying every file's sha-256 first. */
    public static FaceExpressionModel load(ModelStore store) throws IOException {
        return new FaceExpressionModel(FaceApiRunner.load(store, ARTIFACT, MANIFEST, FaceExpression.values().length));
    }

    /** Builds it on already-read weights. */
    public static FaceExpressionModel load(TfjsWeights weights) {
        return new FaceExpressionModel(FaceApiRunner.load(weights, FaceExpression.values().length));
    }

    /** Probabilities for each crop (112×112×3 RGB bytes, row-major HWC). */
    public float[][] probabilities(byte[]... crops) {
        return probabilities(FaceApiRunner.toFloats(crops));
    }

    /** Probabilities for each input (112×112×3 RGB values in 0–255, HWC, as {@link FaceApiInput#of} gives). */
    public float[][] probabilities(float[]... inputs) {
        float[][] logits = runner.forward(inputs);
        for (float[] z : logits) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            double[] e = new double[z.length];
            for (int k = 0; k < z.length; k++) {
                e[k] = Math.exp(z[k] - max);
                sum += e[k];
            }
            for (int k = 0; k < z.length; k++) {
                z[k] = (float) (e[k] / sum);
            }
        }
        return logits;
    }

    @Override
    public void close() {
        runner.close();
    }
}
