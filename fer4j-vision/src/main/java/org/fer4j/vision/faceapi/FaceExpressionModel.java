package org.fer4j.vision.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.fer4j.vision.store.ModelArtifact;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.tfjs.TfjsWeights;

/**
 * The ready expression model: face-api's FaceExpressionNet with its pretrained weights from the
 * {@link ModelStore} (never downloaded here), giving 7 probabilities for a 112×112 RGB face crop.
 * Preprocessing is face-api's: subtract the mean RGB (122.782, 117.001, 104.298), divide by 255.
 * Owns native memory; one instance serialises its calls and may be shared.
 */
public final class FaceExpressionModel implements AutoCloseable {
    /** The store name of its weights. */
    public static final String ARTIFACT = "faceapi-expression";
    static final String MANIFEST = "face_expression_model-weights_manifest.json";
    private static final float[] MEAN = {122.782f, 117.001f, 104.298f};
    private final NDManager manager;
    private final FaceExpressionNet net;
    private boolean closed;

    private FaceExpressionModel(NDManager manager, FaceExpressionNet net) {
        this.manager = manager;
        this.net = net;
    }

    /** Loads it from a store, verifying every file's sha-256 first. */
    public static FaceExpressionModel load(ModelStore store) throws IOException {
        ModelArtifact a = ModelCatalog.builtIn().get(ARTIFACT);
        Path dir = store.require(a);
        return load(TfjsWeights.read(dir.resolve(MANIFEST)));
    }

    /** Builds it on already-read weights. */
    public static FaceExpressionModel load(TfjsWeights weights) {
        NDManager m = NDManager.newBaseManager();
        try {
            FaceExpressionNet net = new FaceExpressionNet();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, FaceExpressionNet.SIZE, FaceExpressionNet.SIZE));
            net.load(weights);
            return new FaceExpressionModel(m, net);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Probabilities in {@link FaceExpression} order for each crop.
     *
     * @param crops 112×112×3 RGB bytes each, row-major HWC
     */
    public float[][] probabilities(byte[]... crops) {
        int px = FaceExpressionNet.SIZE * FaceExpressionNet.SIZE * 3;
        float[][] f = new float[crops.length][];
        for (int b = 0; b < crops.length; b++) {
            if (crops[b] == null || crops[b].length != px) {
                throw new IllegalArgumentException("crop " + b + " must be " + FaceExpressionNet.SIZE + "x"
                        + FaceExpressionNet.SIZE + "x3 RGB bytes (" + px + "), has "
                        + (crops[b] == null ? "none" : crops[b].length));
            }
            f[b] = new float[px];
            for (int i = 0; i < px; i++) {
                f[b][i] = crops[b][i] & 0xff;
            }
        }
        return probabilities(f);
    }

    /**
     * Probabilities in {@link FaceExpression} order for each input.
     *
     * @param inputs 112×112×3 RGB values in 0–255 each, row-major HWC (as {@link FaceApiInput#of} gives)
     */
    public synchronized float[][] probabilities(float[]... inputs) {
        if (closed) {
            throw new IllegalStateException("FaceExpressionModel is closed");
        }
        int n = inputs.length;
        int px = FaceExpressionNet.SIZE * FaceExpressionNet.SIZE;
        float[] chw = new float[n * 3 * px];
        for (int b = 0; b < n; b++) {
            if (inputs[b] == null || inputs[b].length != px * 3) {
                throw new IllegalArgumentException("input " + b + " must hold " + px * 3 + " values, has "
                        + (inputs[b] == null ? "none" : inputs[b].length));
            }
            for (int i = 0; i < px; i++) {
                for (int c = 0; c < 3; c++) {
                    chw[(b * 3 + c) * px + i] = (inputs[b][i * 3 + c] - MEAN[c]) / 255f;
                }
            }
        }
        float[][] out = new float[n][];
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(chw, new Shape(n, 3, FaceExpressionNet.SIZE, FaceExpressionNet.SIZE));
            NDArray logits = net.forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow();
            float[] p = logits.softmax(1).toFloatArray();
            int k = FaceExpression.values().length;
            for (int b = 0; b < n; b++) {
                out[b] = java.util.Arrays.copyOfRange(p, b * k, (b + 1) * k);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
