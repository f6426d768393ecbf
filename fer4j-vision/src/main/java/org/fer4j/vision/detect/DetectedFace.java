package org.fer4j.vision.detect;

import java.util.List;
import org.fer4j.data.FaceBox;

/**
 * One face a {@link FaceDetector} found: its box in image pixels, the detector's confidence in [0, 1],
 * and the keypoints the detector gives (BlazeFace: right eye, left eye, nose tip, mouth centre, right
 * ear, left ear, as seen by the viewer's left-to-right being the person's right-to-left; Haar: none).
 */
public record DetectedFace(FaceBox box, double score, List<Keypoint> keypoints) {
    public DetectedFace {
        if (box == null) {
            throw new IllegalArgumentException("a detected face needs a box");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("detection score " + score + " is not in [0, 1]");
        }
        keypoints = keypoints == null ? List.of() : List.copyOf(keypoints);
    }

    /** A point of a face in image pixels. */
    public record Keypoint(double x, double y) {
        public Keypoint {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("keypoint (" + x + ", " + y + ") is not finite");
            }
        }
    }
}
