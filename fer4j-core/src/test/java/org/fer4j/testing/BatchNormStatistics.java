package org.fer4j.testing;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Random;
import org.fer4j.models.FerModel;

/**
 * Gives every BatchNorm running statistics and affine terms (and the convolution-free biases) values far
 * from a fresh network's identity, so that folding BatchNorm into the convolutions (inference, ONNX
 * export) has real work to do and a mistake in it shows in the outputs.
 */
public final class BatchNormStatistics {
    private BatchNormStatistics() {
    }

    public static void randomise(FerModel model, long seed) {
        Random rng = new Random(seed);
        for (Map.Entry<String, ai.djl.nn.Parameter> e : model.namedParameters().entrySet()) {
            String k = e.getKey();
            NDArray a = e.getValue().getArray();
            float[] v = new float[(int) a.size()];
            if (k.endsWith("running_mean") || k.endsWith(".bias") && !k.startsWith("fc")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.3 * rng.nextGaussian());
                }
            } else if (k.endsWith("running_var")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.2 + 2 * rng.nextDouble());
                }
            } else if (k.contains("bn") || k.contains("downsample.1")) { // gamma
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.5 + rng.nextDouble());
                }
            } else {
                continue;
            }
            a.set(v);
        }
    }
}
