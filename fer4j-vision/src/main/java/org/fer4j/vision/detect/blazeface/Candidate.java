package org.fer4j.vision.detect.blazeface;

/**
 * One decoded anchor before suppression: {@code v} = xmin, ymin, xmax, ymax, then the 6 keypoints'
 * x, y (16 values), in whatever frame the caller works in (the view's [0, 1], then image pixels).
 */
record Candidate(double score, double[] v) {
    static final int VALUES = 16;

    Candidate {
        if (v.length != VALUES) {
            throw new IllegalArgumentException("a candidate has " + VALUES + " values, got " + v.length);
        }
    }

    double width() {
        return v[2] - v[0];
    }

    double height() {
        return v[3] - v[1];
    }

    /** Intersection over union of the two boxes; 0 when either is empty. */
    double iou(Candidate o) {
        double ix = Math.min(v[2], o.v[2]) - Math.max(v[0], o.v[0]);
        double iy = Math.min(v[3], o.v[3]) - Math.max(v[1], o.v[1]);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        double union = width() * height() + o.width() * o.height() - inter;
        return union > 0 ? inter / union : 0;
    }
}
