package org.fer4j.data;

import java.util.List;

/** A face region in source-image pixels, from landmarks or a dataset's face box. */
public record FaceBox(double x, double y, double width, double height) {
    public FaceBox {
        if (!(width > 0 && height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("invalid face box x=" + x + " y=" + y + " w=" + width + " h=" + height);
        }
    }

    /**
     * How much this box and a {@code width × height} image overlap, as a share of the smaller of the
     * two, in [0, 1]: 1 for a box inside the image and for a box around the whole image.
     */
    public double shareInside(int imageWidth, int imageHeight) {
        double ix = Math.max(0, Math.min(x + width, imageWidth) - Math.max(x, 0));
        double iy = Math.max(0, Math.min(y + height, imageHeight) - Math.max(y, 0));
        return ix * iy / Math.min(width * height, (double) imageWidth * imageHeight);
    }

    /**
     * Refuses a box that lies mostly outside the image: cropping it would predict on black padding, a
     * confident answer about nothing (a box from another image, or x/y swapped). A box larger than the
     * image around it is fine.
     */
    public FaceBox requireInside(int imageWidth, int imageHeight) {
        double share = shareInside(imageWidth, imageHeight);
        if (share < 0.5) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "face box x=%s y=%s w=%s h=%s lies %s"
                    + " the %dx%d image (%.0f%% overlap); give a box in this image's pixels", fmt(x), fmt(y),
                    fmt(width), fmt(height), share == 0 ? "outside" : "mostly outside", imageWidth, imageHeight, Math.floor(100 * share)));
        }
        return this;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The tight box around landmark points given as (x, y) pairs: left-, right-, top- and bottom-most. */
    /** x, y, width, height in that order, for JSON outputs (a fixed order, unlike {@code Map.of}'s). */
    public java.util.Map<String, Double> toMap() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        m.put("width", width);
        m.put("height", height);
        return m;
    }

    public static FaceBox around(List<double[]> points) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : points) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        return new FaceBox(minX, minY, Math.max(1, maxX - minX), Math.max(1, maxY - minY));
    }
}
