package org.fer4j.vision.detect.blazeface;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;

/**
 * Fills BlazeFace's input, 128×128×3 NHWC floats in [-1, 1] ({@code v / 127.5 − 1}, MediaPipe's
 * range for this model), from a {@link SquareView} of a photo. Downscaling averages each output
 * pixel's footprint (a box filter over whole source pixels: columns {@code ⌊x0 + i·s⌋ … ⌊x0 + (i+1)·s⌋ − 1}
 * with {@code s = side / 128}; at least one pixel), so a 2,000-pixel photo is not aliased to noise;
 * source pixels outside the photo count as black. Photos are read one row at a time into an
 * {@code int[]} and written straight into a {@link FloatBuffer}: no per-pixel objects, and memory
 * bounded by one row whatever the photo's size. Decoded JPEGs (3-byte BGR) and packed-int images are
 * read from their raster directly; {@link BufferedImage#getRGB} (a colour-model call per pixel, about
 * 10 × slower) is left for the other layouts (grey, indexed, 16-bit, CMYK converted by ImageFiles).
 */
final class NetworkInput {
    private NetworkInput() {
    }

    /** Writes the view into {@code out} (rewound, {@code size²·3} floats, then flipped back to 0). */
    static void fill(BufferedImage image, SquareView view, int size, FloatBuffer out) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] c0 = new int[size];
        int[] c1 = new int[size];
        span(view.x0(), view.side(), size, c0, c1);
        int[] r0 = new int[size];
        int[] r1 = new int[size];
        span(view.y0(), view.side(), size, r0, r1);
        int colLo = Math.max(0, c0[0]);
        int colHi = Math.min(w, c1[size - 1]);
        int[] row = new int[Math.max(1, colHi - colLo)];
        float[] sums = new float[size * 3];
        Rows source = Rows.of(image);
        out.clear();
        for (int i = 0; i < size; i++) {
            java.util.Arrays.fill(sums, 0f);
            for (int y = Math.max(0, r0[i]); y < Math.min(h, r1[i]); y++) {
                if (colHi > colLo) {
                    source.read(y, colLo, colHi - colLo, row);
                }
                for (int j = 0; j < size; j++) {
                    int a = Math.max(colLo, c0[j]);
                    int b = Math.min(colHi, c1[j]);
                    float r = 0, g = 0, bl = 0;
                    for (int x = a; x < b; x++) {
                        int p = row[x - colLo];
                        r += (p >> 16) & 0xff;
                        g += (p >> 8) & 0xff;
                        bl += p & 0xff;
                    }
                    sums[3 * j] += r;
                    sums[3 * j + 1] += g;
                    sums[3 * j + 2] += bl;
                }
            }
            float rows = r1[i] - r0[i];
            for (int j = 0; j < size; j++) {
                float area = rows * (c1[j] - c0[j]);
                for (int c = 0; c < 3; c++) {
                    out.put(sums[3 * j + c] / area / 127.5f - 1f);
                }
            }
        }
        out.flip();
    }

    /** Writes 8-bit RGB (HWC, {@code size²·3} bytes) into {@code out} in the network's range. */
    static void fill(byte[] rgb, FloatBuffer out) {
        out.clear();
        for (byte b : rgb) {
            out.put((b & 0xff) / 127.5f - 1f);
        }
        out.flip();
    }

    /** Each output index's source range [lo, hi) along one axis; never empty. */
    static void span(double origin, double side, int size, int[] lo, int[] hi) {
        double s = side / size;
        for (int i = 0; i < size; i++) {
            int a = (int) Math.floor(origin + i * s);
            int b = (int) Math.floor(origin + (i + 1) * s);
            if (b <= a) {
                a = (int) Math.floor(origin + (i + 0.5) * s);
                b = a + 1;
            }
            lo[i] = a;
            hi[i] = b;
        }
    }

    /** One row of a photo as packed 0xRRGGBB ints. */
    interface Rows {
        void read(int y, int x0, int n, int[] out);

        static Rows of(BufferedImage image) {
            java.awt.image.Raster r = image.getRaster();
            int w = image.getWidth();
            if (r.getParent() == null && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0) {
                if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                        && r.getDataBuffer() instanceof java.awt.image.DataBufferByte db && db.getNumBanks() == 1
                        && db.getOffset() == 0 && r.getSampleModel() instanceof java.awt.image.ComponentSampleModel sm
                        && sm.getScanlineStride() == 3 * w && sm.getPixelStride() == 3) {
                    byte[] d = db.getData();
                    return (y, x0, n, out) -> {
                        int o = (y * w + x0) * 3;
                        for (int i = 0; i < n; i++, o += 3) {
                            out[i] = (d[o + 2] & 0xff) << 16 | (d[o + 1] & 0xff) << 8 | (d[o] & 0xff);
                        }
                    };
                }
                if (image.getType() == BufferedImage.TYPE_INT_RGB
                        && r.getDataBuffer() instanceof java.awt.image.DataBufferInt db && db.getNumBanks() == 1
                        && db.getOffset() == 0 && r.getSampleModel() instanceof java.awt.image.SinglePixelPackedSampleModel sm
                        && sm.getScanlineStride() == w) {
                    int[] d = db.getData();
                    return (y, x0, n, out) -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = d[y * w + x0 + i] & 0xffffff;
                        }
                    };
                }
            }
            return (y, x0, n, out) -> {
                image.getRGB(x0, y, n, 1, out, 0, n);
                for (int i = 0; i < n; i++) {
                    out[i] &= 0xffffff;
                }
            };
        }
    }
}
