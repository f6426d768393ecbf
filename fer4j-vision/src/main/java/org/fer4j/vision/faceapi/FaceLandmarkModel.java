package org.fer4j.vision.faceapi;

import java.io.IOException;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.tfjs.TfjsWeights;

/**
 * face-api's FaceLandmark68Net ({@link FaceApiNet} with 136 outputs) with its pretrained weights from the
 * {@link ModelStore}: 68 facial landmarks (iBUG 68-point order, as CK+'s landmark files) for a 112×112
 * face crop, so a face found in a raw photo can later be cropped by its landmarks the way the CK+
 * adapter crops. Owns native memory; calls are serialised.
 */
public final class FaceLandmarkModel implements AutoCloseable {
    /** The store name of its weights. */
    public static final String ARTIFACT = "faceapi-landmark68";
    static final String MANIFEST = "face_landmark_68_model-weights_manifest.json";
    /** Points per face. */
    public static final int POINTS = 68;
    private final FaceApiRunner runner;

    private FaceLandmarkModel(FaceApiRunner runner) {
        this.runner = runner;
    }

    /** Loads it from a store, verifying every file's sha-256 first. */
    public static FaceLandmarkModel load(ModelStore store) throws IOException {
        return new FaceLandmarkModel(FaceApiRunner.load(store, ARTIFACT, MANIFEST, 2 * POINTS));
    }

    /** Builds it on already-read weights. */
    public static FaceLandmarkModel load(TfjsWeights weights) {
        return new FaceLandmarkModel(FaceApiRunner.load(weights, 2 * POINTS));
    }

    /**
     * Landmarks of each crop in the crop's 112-pixel coordinates, interleaved {@code x0, y0, x1, y1, …}
     * (face-api's raw output, which is relative to the square input, times 112).
     *
     * @param crops 112×112×3 RGB bytes each, row-major HWC
     */
    public float[][] landmarks(byte[]... crops) {
        return landmarks(FaceApiRunner.toFloats(crops));
    }

    /** As {@link #landmarks(byte[]...)}, for 0–255 float inputs (as {@link FaceApiInput#of} gives). */
    public float[][] landmarks(float[]... inputs) {
        float[][] out = runner.forward(inputs);
        for (float[] row : out) {
            for (int i = 0; i < row.length; i++) {
                row[i] *= FaceApiNet.SIZE;
            }
        }
        return out;
    }

    @Override
    public void close() {
        runner.close();
    }
}
