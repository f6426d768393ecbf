package org.fer4j.data;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;

/**
 * Turns a decoded face image into the model's input tensor (channels × size × size floats): crop by
 * the face box with a margin (squared around its centre), grey or RGB, resize, normalise. The same
 * record is saved with every model so that prediction reproduces training exactly.
 *
 * @param size     output side in pixels (at least 32)
 * @param channels 3 (RGB; grey sources are replicated) or 1
 * @param margin   fraction of the box side added on every side before cropping
 * @param mean     per-channel mean subtracted after scaling to [0, 1]
 * @param std      per-channel standard deviation divided by
 */
public record Preprocessing(int size, int channels, double margin, float[] mean, float[] std) {
    /** Smallest source side accepted: anything smaller is not a face crop. */
    public static final int MIN_SOURCE_SIDE = 16;
    /** Largest source side accepted: guards memory against a stray photograph or a corrupt header. */
    public static final int MAX_SOURCE_SIDE = 12_000;
    /** Largest output side: ResNet-18's activations at 1024 px already need ~2 GB per image in training. */
    public static final int MAX_SIZE = 1024;

    public Preprocessing {
        if (size < 32) {
            throw new IllegalArgumentException("image size must be at least 32 pixels, got " + size);
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("image size " + size + " is larger than " + MAX_SIZE
                    + " pixels; the papers use 48-224");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("crop margin must be in [0, 1], got " + margin);
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("mean and std need " + channels + " values each");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be positive, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** RGB at {@code size} px, 10 % margin, ImageNet statistics (what torchvision weights expect). */
    public static Preprocessing rgb(int size) {
        return new Preprocessing(size, 3, 0.1, new float[] {0.485f, 0.456f, 0.406f},
                new float[] {0.229f, 0.224f, 0.225f});
    }

    public Preprocessing withSize(int newSize) {
        return new Preprocessing(newSize, channels, margin, mean, std);
    }

    public int length() {
        return channels * size * size;
    }

    /** Decodes and converts one image; errors name the source. */
    public float[] load(ImageRef ref, FaceBox box) throws IOException {
        float[] data = new float[length()];
        normaliser().normalise(loadPixels(ref, box), 0, data, 0);
        return data;
    }

    /** Decodes one image into its 8-bit {@link #pixels} (what the on-disk face cache stores); errors name the source. */
    public byte[] loadPixels(ImageRef ref, FaceBox box) throws IOException {
        BufferedImage img = ref.read();
        try {
            return pixels(img, box);
        } catch (IllegalArgumentException e) {
            throw new IOException(ref.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Crops, resizes and normalises; channel-major floats. Equals {@code normalise(pixels(img, box))}. */
    public float[] apply(BufferedImage img, FaceBox box) {
        float[] data = new float[length()];
        normaliser().normalise(pixels(img, box), 0, data, 0);
        return data;
    }

    /**
     * The geometric half of the pipeline: crop, resize and convert to the output channels as 8-bit
     * values, channel-major ({@link #length()} bytes), exactly as Pillow's {@code convert}, {@code crop} and
     * {@code resize(BILINEAR)} do ({@link PillowResize}). Splitting here lets
     * a cache store one byte per value and still reproduce {@link #apply} exactly.
     */
    public byte[] pixels(BufferedImage source, FaceBox box) {
        BufferedImage img = ImageFiles.opaque(source);
        int w = img.getWidth();
        int h = img.getHeight();
        if (w < MIN_SOURCE_SIDE || h < MIN_SOURCE_SIDE) {
            throw new IllegalArgumentException("image is " + w + "x" + h + " px, too small for a face crop (minimum "
                    + MIN_SOURCE_SIDE + " px per side)");
        }
        if (w > MAX_SOURCE_SIDE || h > MAX_SOURCE_SIDE) {
            throw new IllegalArgumentException("image is " + w + "x" + h + " px, larger than " + MAX_SOURCE_SIDE
                    + " px per side; crop the face first or give a face box");
        }
        int[] sq = square(w, h, box);
        return PillowResize.cropResize(srgbOrGrey(img), sq[0], sq[1], sq[2], size, channels);
    }

    /**
     * The source square a crop reads, {x0, y0, side}: the box's centre, its longer side widened by the margin
     * on every side; without a box the centred square of the shorter image side.
     */
    int[] square(int w, int h, FaceBox box) {
        double cx, cy, side;
        if (box != null) {
            box.requireInside(w, h);
            cx = box.x() + box.width() / 2;
            cy = box.y() + box.height() / 2;
            side = Math.max(box.width(), box.height()) * (1 + 2 * margin);
        } else {
            cx = w / 2.0;
            cy = h / 2.0;
            side = Math.min(w, h);
        }
        return new int[] {(int) Math.round(cx - side / 2), (int) Math.round(cy - side / 2),
                Math.max(1, (int) Math.round(side))};
    }

    /**
     * The image as {@link PillowResize} reads it: 8-bit grey and sRGB images as they are; any other colour
     * space (16-bit grey, say) drawn onto RGB first, which keeps its values where {@code getRGB} would
     * gamma-convert them.
     */
    private static BufferedImage srgbOrGrey(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY || img.getColorModel().getColorSpace().isCS_sRGB()) {
            return img;
        }
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** The arithmetic half: a lookup table from 8-bit values to normalised floats, per channel. */
    public Normaliser normaliser() {
        return new Normaliser(this);
    }

    /** Scales {@link #pixels} to [0, 1] and standardises them; reusable and thread-safe. */
    public static final class Normaliser {
        private final float[][] table;
        private final int plane;

        private Normaliser(Preprocessing p) {
            plane = p.size * p.size;
            table = new float[p.channels][256];
            for (int c = 0; c < p.channels; c++) {
                for (int v = 0; v < 256; v++) {
                    table[c][v] = (v / 255f - p.mean[c]) / p.std[c];
                }
            }
        }

        /** Writes one image's {@code channels × size × size} floats from {@code src[srcOffset...]}. */
        public void normalise(byte[] src, int srcOffset, float[] dst, int dstOffset) {
            for (int c = 0; c < table.length; c++) {
                float[] t = table[c];
                int s = srcOffset + c * plane;
                int d = dstOffset + c * plane;
                for (int i = 0; i < plane; i++) {
                    dst[d + i] = t[src[s + i] & 0xff];
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.size == size && p.channels == channels && p.margin == margin
                && Arrays.equals(p.mean, mean) && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {size, channels, margin}) * 31 + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "Preprocessing[size=" + size + ", channels=" + channels + ", margin=" + margin + ", mean="
                + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
