package org.fer4j.data;

import java.util.List;

/** A face region in source-image pixels, from landmarks or a dataset's face box. */
public record FaceBox(double x, double y, double width, double height) {
    public FaceBox {
        if (!(width > 0 && height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("invalid face box x=" + x + " y=" + y + " w=" + width + " h=" + height);
        }
    }

    /** The tight box around landmark points given as (x, y) pairs: left-, right-, top- and bottom-most. */
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
