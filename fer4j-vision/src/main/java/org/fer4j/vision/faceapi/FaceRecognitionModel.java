package org.fer4j.vision.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.models.FaceResNet;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.tfjs.TfjsWeights;

/**
 * face-api's FaceRecognitionNet: core's {@link FaceResNet} trunk (256 features) and a bias-free 256→128
 * linear layer, with the pretrained weights from the {@link ModelStore} (never downloaded here), giving a
 * 128-d {@link FaceDescriptor} for a 150×150 RGB face crop. Preprocessing as face-api's: pad to a square
 * and resize to 150 ({@link FaceApiInput}), then {@code (rgb − (122.782, 117.001, 104.298)) / 255}.
 * Owns native memory; calls are serialised, so one instance may be shared.
 */
public final class FaceRecognitionModel implements AutoCloseable {
    /** The store name of its weights. */
    public static final String ARTIFACT = "faceapi-recognition";
    static final String MANIFEST = "face_recognition_model-weights_manifest.json";
    /** Input side in pixels. */
    public static final int SIZE = FaceResNet.SIZE;
    private final NDManager manager;
    private final FaceResNet trunk;
    private final NDArray fc;
    private boolean closed;

    private FaceRecognitionModel(NDManager manager, FaceResNet trunk, NDArray fc) {
        this.manager = manager;
        this.trunk = trunk;
        this.fc = fc;
    }

    /** Loads it from a store, verifying every file's sha-256 first. */
    public static FaceRecognitionModel load(ModelStore store) throws IOException {
        return load(readWeights(store));
    }

    /** The pretrained TF.js weights from a store (verified), e.g. to start a {@link FaceResNet} backbone from them. */
    public static TfjsWeights readWeights(ModelStore store) throws IOException {
        Path dir = store.require(ModelCatalog.builtIn().get(ARTIFACT));
        return TfjsWeights.read(dir.resolve(MANIFEST));
    }

    /**
     * Builds it on already-read weights.
     *
     * @throws IOException the manifest lacks a tensor the network needs or has one of another shape (named)
     */
    public static FaceRecognitionModel load(TfjsWeights weights) throws IOException {
        NDManager m = NDManager.newBaseManager();
        try {
            FaceResNet trunk = new FaceResNet();
            trunk.initialize(m, DataType.FLOAT32, new Shape(1, 3, SIZE, SIZE));
            copyTrunk(weights, trunk);
            TfjsWeights.Tensor w = tensor(weights, "fc", FaceResNet.FEATURES, FaceDescriptor.SIZE);
            NDArray fc = m.create(w.values(), new Shape(FaceResNet.FEATURES, FaceDescriptor.SIZE));
            return new FaceRecognitionModel(m, trunk, fc);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Copies face-api's trunk tensors (every one but {@code fc}) into an initialised {@link FaceResNet},
     * filters converted from TF's HWIO to DJL's OIHW. A grey trunk (1 input channel) gets the stem's RGB
     * filters summed over their three input channels, which is the same response to a grey image.
     *
     * @throws IOException naming every tensor the manifest lacks, or one whose shape does not fit
     */
    public static void copyTrunk(TfjsWeights weights, FaceResNet trunk) throws IOException {
        Map<String, Parameter> params = trunk.faceApiParameters();
        List<String> missing = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!weights.names().contains(name)) {
                missing.add(name);
            }
        }
        if (!weights.names().contains("fc")) {
            missing.add("fc");
        }
        if (!missing.isEmpty()) {
            throw new IOException("face-api recognition weights lack tensor" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (" + ARTIFACT + "'s " + MANIFEST
                    + " is not FaceRecognitionNet's; reinstall it: fer4j models pull " + ARTIFACT + ")");
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray a = e.getValue().getArray();
            long[] s = a.getShape().getShape();
            float[] v;
            if (s.length == 4) {
                int o = (int) s[0];
                int i = (int) s[1];
                int kh = (int) s[2];
                int kw = (int) s[3];
                if (i == 1 && e.getKey().equals("conv32_down/conv/filters")) {
                    v = sumInputChannels(FaceApiNet.hwioToOihw(tensor(weights, e.getKey(), kh, kw, 3, o).values(), kh, kw, 3, o), o, 3, kh * kw);
                } else {
                    v = FaceApiNet.hwioToOihw(tensor(weights, e.getKey(), kh, kw, i, o).values(), kh, kw, i, o);
                }
            } else {
                v = tensor(weights, e.getKey(), (int) s[0]).values();
            }
            a.set(v);
        }
    }

    private static float[] sumInputChannels(float[] oihw, int out, int in, int k) {
        float[] s = new float[out * k];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int j = 0; j < k; j++) {
                    s[o * k + j] += oihw[(o * in + c) * k + j];
                }
            }
        }
        return s;
    }

    private static TfjsWeights.Tensor tensor(TfjsWeights weights, String name, int... shape) throws IOException {
        try {
            return weights.get(name, shape);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The descriptor of a face crop (the whole image; padded to a square and resized to 150 as face-api does). */
    public FaceDescriptor describe(BufferedImage face) {
        return describe(face, null);
    }

    /** The descriptor of the face in {@code box} of a photo (null: the whole image). */
    public FaceDescriptor describe(BufferedImage photo, FaceBox box) {
        return new FaceDescriptor(descriptors(FaceApiInput.of(photo, box, SIZE))[0]);
    }

    /** Descriptors for each crop (150×150×3 RGB bytes, row-major HWC). */
    public float[][] descriptors(byte[]... crops) {
        return descriptors(FaceApiInput.floats(SIZE, crops));
    }

    /** Descriptors for each input (150×150×3 RGB values in 0–255, HWC, as {@code FaceApiInput.of(image, box, 150)} gives). */
    public synchronized float[][] descriptors(float[]... inputs) {
        if (closed) {
            throw new IllegalStateException("face recognition model is closed");
        }
        int n = inputs.length;
        if (n == 0) {
            return new float[0][];
        }
        float[] chw = FaceApiInput.normalisedChw(inputs, SIZE);
        float[][] out = new float[n][];
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(chw, new Shape(n, 3, SIZE, SIZE));
            NDArray features = trunk.forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow();
            float[] y = features.matMul(fc).toFloatArray();
            for (int b = 0; b < n; b++) {
                out[b] = Arrays.copyOfRange(y, b * FaceDescriptor.SIZE, (b + 1) * FaceDescriptor.SIZE);
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
