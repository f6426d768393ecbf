package org.fer4j.vision.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.tfjs.TfjsWeights;

/**
 * The shared forward of face-api's 112-pixel networks: face-api's normalisation
 * ({@code (rgb - (122.782, 117.001, 104.298)) / 255}), one batched inference-mode forward, raw outputs.
 * Owns the network's native memory; calls are serialised.
 */
final class FaceApiRunner implements AutoCloseable {
    private final NDManager manager;
    private final FaceApiNet net;
    private final int outputs;
    private boolean closed;

    private FaceApiRunner(NDManager manager, FaceApiNet net, int outputs) {
        this.manager = manager;
        this.net = net;
        this.outputs = outputs;
    }

    static FaceApiRunner load(ModelStore store, String artifact, String manifest, int outputs) throws IOException {
        Path dir = store.require(ModelCatalog.builtIn().get(artifact));
        return load(TfjsWeights.read(dir.resolve(manifest)), outputs);
    }

    static FaceApiRunner load(TfjsWeights weights, int outputs) {
        NDManager m = NDManager.newBaseManager();
        try {
            FaceApiNet net = new FaceApiNet(outputs);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, FaceApiNet.SIZE, FaceApiNet.SIZE));
            net.load(weights);
            return new FaceApiRunner(m, net, outputs);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Bytes (112×112×3 RGB, HWC) to floats, checking the size. */
    static float[][] toFloats(byte[]... crops) {
        return FaceApiInput.floats(FaceApiNet.SIZE, crops);
    }

    /** Raw outputs, one row per input (112×112×3 RGB values in 0–255, HWC). */
    synchronized float[][] forward(float[]... inputs) {
        if (closed) {
            throw new IllegalStateException("face-api model is closed");
        }
        int n = inputs.length;
        float[] chw = FaceApiInput.normalisedChw(inputs, FaceApiNet.SIZE);
        float[][] out = new float[n][];
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(chw, new Shape(n, 3, FaceApiNet.SIZE, FaceApiNet.SIZE));
            float[] y = net.forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            for (int b = 0; b < n; b++) {
                out[b] = java.util.Arrays.copyOfRange(y, b * outputs, (b + 1) * outputs);
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
