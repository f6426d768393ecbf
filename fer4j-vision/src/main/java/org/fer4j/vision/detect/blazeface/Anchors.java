package org.fer4j.vision.detect.blazeface;

/**
 * The SSD anchor centres BlazeFace's outputs are relative to, generated the way MediaPipe's
 * {@code SsdAnchorsCalculator} does for the front model: feature maps of stride 8 and 16 on the 128-pixel
 * input; consecutive layers of one stride share a map and each contributes two anchors per cell (the
 * model's layers are strides 8, 16, 16, 16: 16×16 cells × 2 + 8×8 cells × 6 = 896). With a fixed
 * anchor size every anchor is 1×1, so only the centres matter: ((x + 0.5) / cells, (y + 0.5) / cells),
 * in row-major cell order with a cell's anchors adjacent — the order of the network's outputs.
 */
final class Anchors {
    /** The front model's layer strides. */
    static final int[] FRONT_STRIDES = {8, 16, 16, 16};

    private Anchors() {
    }

    /** Anchor centres as {@code x0, y0, x1, y1, …} in [0, 1] of the square input. */
    static float[] centres(int inputSize, int[] strides) {
        int count = 0;
        for (int i = 0; i < strides.length; ) {
            int j = i;
            while (j < strides.length && strides[j] == strides[i]) {
                j++;
            }
            int cells = (inputSize + strides[i] - 1) / strides[i];
            count += cells * cells * 2 * (j - i);
            i = j;
        }
        float[] out = new float[2 * count];
        int k = 0;
        for (int i = 0; i < strides.length; ) {
            int j = i;
            while (j < strides.length && strides[j] == strides[i]) {
                j++;
            }
            int perCell = 2 * (j - i);
            int cells = (inputSize + strides[i] - 1) / strides[i];
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < perCell; a++) {
                        out[k++] = (x + 0.5f) / cells;
                        out[k++] = (y + 0.5f) / cells;
                    }
                }
            }
            i = j;
        }
        return out;
    }
}
