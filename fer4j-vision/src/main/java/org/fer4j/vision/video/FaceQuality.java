package org.fer4j.vision.video;

import java.awt.image.BufferedImage;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.vision.detect.DetectedFace;

/**
 * Whether a frame's face is good enough to be a person's neutral reference: every later frame of the track is
 * compared with it, so a blurred or turned reference spoils them all. Sharpness is the variance of the Laplacian
 * over the face box (blur and heavy compression lower it); frontality is read from a detector's keypoints
 * (BlazeFace: eyes first, then the nose tip) as how far the nose sits from the middle of the eyes, in eye
 * distances. Faces without keypoints (Haar, known boxes) count as frontal.
 */
public final class FaceQuality {
    /** A reference must be at least this fraction of the track's sharpest face so far. */
    public static final double SHARP_FRACTION = 0.5;
    /** The largest nose offset, in eye distances, of a face taken as frontal (about 20° of yaw). */
    public static final double MAX_NOSE_OFFSET = 0.35;

    private FaceQuality() {
    }

    /** The variance of the 4-neighbour Laplacian of the grey levels inside {@code box} (0 for a flat or tiny box). */
    public static double sharpness(BufferedImage image, FaceBox box) {
        int x0 = Math.max(1, (int) Math.floor(box.x()));
        int y0 = Math.max(1, (int) Math.floor(box.y()));
        int x1 = Math.min(image.getWidth() - 1, (int) Math.ceil(box.x() + box.width()));
        int y1 = Math.min(image.getHeight() - 1, (int) Math.ceil(box.y() + box.height()));
        if (x1 - x0 < 3 || y1 - y0 < 3) {
            return 0;
        }
        int w = x1 - x0 + 2;
        int h = y1 - y0 + 2;
        double[] g = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x0 - 1 + x, y0 - 1 + y);
                g[y * w + x] = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
            }
        }
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double lap = g[i - 1] + g[i + 1] + g[i - w] + g[i + w] - 4 * g[i];
                sum += lap;
                sq += lap * lap;
                n++;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }

    /** Whether the keypoints (eyes, then nose) show a face turned less than {@link #MAX_NOSE_OFFSET}; true without them. */
    public static boolean frontal(List<DetectedFace.Keypoint> keypoints) {
        if (keypoints == null || keypoints.size() < 3) {
            return true;
        }
        DetectedFace.Keypoint right = keypoints.get(0);
        DetectedFace.Keypoint left = keypoints.get(1);
        DetectedFace.Keypoint nose = keypoints.get(2);
        double eyes = Math.hypot(left.x() - right.x(), left.y() - right.y());
        if (eyes < 1e-6) {
            return false;
        }
        double mid = (left.x() + right.x()) / 2;
        return Math.abs(nose.x() - mid) / eyes <= MAX_NOSE_OFFSET;
    }
}
