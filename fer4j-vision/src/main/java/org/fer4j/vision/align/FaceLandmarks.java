package org.fer4j.vision.align;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;

/**
 * 68 facial landmarks of one face in photo pixels, in the iBUG order CK+'s landmark files use (jaw 0–16,
 * brows 17–26, nose 27–35, the person's right eye 36–41, left eye 42–47, mouth 48–67).
 */
public record FaceLandmarks(List<double[]> points) {
    /** Points per face. */
    public static final int POINTS = 68;

    public FaceLandmarks {
        if (points == null || points.size() != POINTS) {
            throw new IllegalArgumentException("a face has " + POINTS + " landmarks, got " + (points == null ? 0 : points.size()));
        }
        List<double[]> copy = new ArrayList<>(POINTS);
        for (int i = 0; i < POINTS; i++) {
            double[] p = points.get(i);
            if (p == null || p.length != 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                throw new IllegalArgumentException("landmark " + i + " is not a finite (x, y) pair");
            }
            copy.add(p.clone());
        }
        points = List.copyOf(copy);
    }

    /** From interleaved {@code x0, y0, x1, y1, …}. */
    public static FaceLandmarks ofInterleaved(double[] xy) {
        if (xy.length != 2 * POINTS) {
            throw new IllegalArgumentException("expected " + 2 * POINTS + " coordinates, got " + xy.length);
        }
        List<double[]> pts = new ArrayList<>(POINTS);
        for (int i = 0; i < POINTS; i++) {
            pts.add(new double[] {xy[2 * i], xy[2 * i + 1]});
        }
        return new FaceLandmarks(pts);
    }

    /**
     * The box of the landmarks' extreme points: exactly what the CK+ adapter gives {@code Preprocessing}
     * for a frame with a landmark file ({@link FaceBox#around}), which then adds fer4j's margin and
     * squares it.
     */
    public FaceBox box() {
        return FaceBox.around(points);
    }

    /** Mean of the person's right eye's six points (the viewer's left). */
    public double[] rightEye() {
        return mean(36, 42);
    }

    /** Mean of the person's left eye's six points. */
    public double[] leftEye() {
        return mean(42, 48);
    }

    /** Angle of the line from the right eye to the left eye, radians, positive clockwise on screen (y down). */
    public double eyeAngle() {
        double[] r = rightEye();
        double[] l = leftEye();
        return Math.atan2(l[1] - r[1], l[0] - r[0]);
    }

    private double[] mean(int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            x += points.get(i)[0];
            y += points.get(i)[1];
        }
        return new double[] {x / (to - from), y / (to - from)};
    }
}
