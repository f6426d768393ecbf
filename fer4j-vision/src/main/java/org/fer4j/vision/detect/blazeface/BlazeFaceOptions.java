package org.fer4j.vision.detect.blazeface;

/**
 * How {@link BlazeFaceDetector} runs.
 *
 * @param scoreThreshold  minimum confidence kept, in (0, 1); MediaPipe's default is 0.5
 * @param iouThreshold    overlap above which candidates are merged by weighted suppression, in (0, 1];
 *                        MediaPipe's 0.3
 * @param tiles           1: the whole photo only (the front model then finds faces of roughly 15–100 %
 *                        of the photo's longer side); n ≥ 2 adds a grid of overlapping square tiles of
 *                        side 2/(n + 1) of it, for faces down to about 1/(n + 1) of that (3: ~5 %); at
 *                        most 8
 * @param intraOpThreads  ONNX Runtime's intra-op threads; 0 lets ONNX Runtime choose (all cores)
 */
public record BlazeFaceOptions(double scoreThreshold, double iouThreshold, int tiles, int intraOpThreads) {
    /** Most tiles per side accepted: beyond it faces are too small for the network's 128 pixels anyway. */
    public static final int MAX_TILES = 8;

    public BlazeFaceOptions {
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("BlazeFace score threshold must be in (0, 1), got " + scoreThreshold);
        }
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("BlazeFace IoU threshold must be in (0, 1], got " + iouThreshold);
        }
        if (tiles < 1 || tiles > MAX_TILES) {
            throw new IllegalArgumentException("BlazeFace tiles must be 1 (whole photo only) to " + MAX_TILES + ", got " + tiles);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0 (0: ONNX Runtime's choice), got " + intraOpThreads);
        }
    }

    /** Score 0.5, IoU 0.3, the whole photo plus a 3-per-side tile grid, ONNX Runtime's threads. */
    public static BlazeFaceOptions defaults() {
        return new BlazeFaceOptions(0.5, 0.3, 3, 0);
    }

    public BlazeFaceOptions withTiles(int n) {
        return new BlazeFaceOptions(scoreThreshold, iouThreshold, n, intraOpThreads);
    }

    public BlazeFaceOptions withIntraOpThreads(int n) {
        return new BlazeFaceOptions(scoreThreshold, iouThreshold, tiles, n);
    }

    public BlazeFaceOptions withScoreThreshold(double t) {
        return new BlazeFaceOptions(t, iouThreshold, tiles, intraOpThreads);
    }
}
