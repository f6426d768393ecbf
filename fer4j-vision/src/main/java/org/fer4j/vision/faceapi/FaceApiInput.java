package org.fer4j.vision.faceapi;

import java.awt.image.BufferedImage;
import org.fer4j.data.FaceBox;

/**
 * Turns a photo region into face-api's network input the way face-api's {@code NetInput.toBatchTensor}
 * does: crop, pad the shorter side with black to a square (the larger half after, as its
 * {@code padToSquare} with centring), and resize bilinearly to 112×112 (150×150 for FaceRecognitionNet) with TF's
 * {@code resizeBilinear(alignCorners=false, halfPixelCenters=false)} sampling ({@code src = dst·in/out}).
 * Values stay float, as in face-api, so nothing is rounded between resize and network.
 */
public final class FaceApiInput {
    private FaceApiInput() {
    }

    /**
     * The 112×112×3 RGB input (HWC, 0–255 floats).
     *
     * @param box the face region in source pixels (clamped to the image); null for the whole image
     */
    public static float[] of(BufferedImage image, FaceBox box) {
        return of(image, box, FaceApiNet.SIZE);
    }

    /**
     * The same for a network of another input side (FaceRecognitionNet's 150): {@code size×size×3} RGB.
     *
     * @param box the face region in source pixels (clamped to the image); null for the whole image
     */
    public static float[] of(BufferedImage image, FaceBox box, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("input side must be >= 1: " + size);
        }
        Placement pl = placement(image.getWidth(), image.getHeight(), box);
        int x0 = pl.x0();
        int y0 = pl.y0();
        int w = pl.width();
        int h = pl.height();
        int side = pl.side();
        int padX = pl.padX();
        int padY = pl.padY();
        int[] rgb = image.getRGB(x0, y0, w, h, null, 0, w);
        float[] sq = new float[side * side * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb[y * w + x];
                int o = ((y + padY) * side + x + padX) * 3;
                sq[o] = (p >> 16) & 0xff;
                sq[o + 1] = (p >> 8) & 0xff;
                sq[o + 2] = p & 0xff;
            }
        }
        return resize(sq, side, size);
    }

    /**
     * Where the network's square input lies in the photo: the clamped region's pixels [x0, x0 + width) ×
     * [y0, y0 + height), placed at (padX, padY) in a black square of {@code side} pixels. A point p of the
     * 112-pixel input is at {@code x0 − padX + p·side/112} in the photo (TF's resize samples
     * {@code src = dst·in/out}).
     */
    public record Placement(int x0, int y0, int width, int height, int side, int padX, int padY) {
        /** The photo x of an x in the network's 112-pixel input. */
        public double photoX(double x) {
            return x0 - padX + x * side / FaceApiNet.SIZE;
        }

        /** The photo y of a y in the network's 112-pixel input. */
        public double photoY(double y) {
            return y0 - padY + y * side / FaceApiNet.SIZE;
        }
    }

    /** The placement {@link #of} uses for {@code box} (null: the whole image) in a {@code width × height} photo. */
    public static Placement placement(int width, int height, FaceBox box) {
        int x0 = 0;
        int y0 = 0;
        int w = width;
        int h = height;
        if (box != null) {
            box.requireInside(w, h);
            x0 = (int) Math.max(0, Math.floor(box.x()));
            y0 = (int) Math.max(0, Math.floor(box.y()));
            int x1 = (int) Math.min(w, Math.ceil(box.x() + box.width()));
            int y1 = (int) Math.min(h, Math.ceil(box.y() + box.height()));
            if (x1 <= x0 || y1 <= y0) {
                throw new IllegalArgumentException("face box " + box + " lies outside the " + w + "x" + h + " image");
            }
            w = x1 - x0;
            h = y1 - y0;
        }
        int side = Math.max(w, h);
        int diff = side - Math.min(w, h);
        int before = diff - (int) Math.round(diff * 0.5);
        return new Placement(x0, y0, w, h, side, w < h ? before : 0, h < w ? before : 0);
    }

    /** TF's bilinear resize of a square HWC image (no corner alignment, no half-pixel centres). */
    static float[] resize(float[] src, int in, int out) {
        if (in == out) {
            return src;
        }
        float[] dst = new float[out * out * 3];
        double scale = (double) in / out;
        for (int y = 0; y < out; y++) {
            double sy = y * scale;
            int ya = (int) Math.floor(sy);
            int yb = Math.min(ya + 1, in - 1);
            double fy = sy - ya;
            for (int x = 0; x < out; x++) {
                double sx = x * scale;
                int xa = (int) Math.floor(sx);
                int xb = Math.min(xa + 1, in - 1);
                double fx = sx - xa;
                for (int c = 0; c < 3; c++) {
                    double top = src[(ya * in + xa) * 3 + c] + (src[(ya * in + xb) * 3 + c] - src[(ya * in + xa) * 3 + c]) * fx;
                    double bot = src[(yb * in + xa) * 3 + c] + (src[(yb * in + xb) * 3 + c] - src[(yb * in + xa) * 3 + c]) * fx;
                    dst[(y * out + x) * 3 + c] = (float) (top + (bot - top) * fy);
                }
            }
        }
        return dst;
    }

    /** face-api's per-channel RGB mean, subtracted before dividing by 255 by every face-api network. */
    static final float[] MEAN = {122.782f, 117.001f, 104.298f};

    /**
     * The batch as one CHW tensor's values, each input ({@code size}×{@code size}×3 RGB in 0–255, HWC) normalised
     * as face-api does: {@code (v - MEAN[c]) / 255}.
     */
    static float[] normalisedChw(float[][] inputs, int size) {
        int px = size * size;
        float[] chw = new float[inputs.length * 3 * px];
        for (int b = 0; b < inputs.length; b++) {
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
        return chw;
    }

    /** Crops of {@code size}×{@code size}×3 RGB bytes (HWC) as the 0–255 floats the networks take, checking each size. */
    static float[][] floats(int size, byte[]... crops) {
        int px = size * size * 3;
        float[][] f = new float[crops.length][];
        for (int b = 0; b < crops.length; b++) {
            if (crops[b] == null || crops[b].length != px) {
                throw new IllegalArgumentException("crop " + b + " must be " + size + "x" + size + "x3 RGB bytes (" + px
                        + "), has " + (crops[b] == null ? "none" : crops[b].length));
            }
            f[b] = new float[px];
            for (int i = 0; i < px; i++) {
                f[b][i] = crops[b][i] & 0xff;
            }
        }
        return f;
    }
}
