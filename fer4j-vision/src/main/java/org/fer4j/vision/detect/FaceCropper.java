package org.fer4j.vision.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;

/**
 * Turns a detected face into what the model's {@link org.fer4j.data.Preprocessing} crops from: an image
 * and a box in it. One step, so a landmark-aligned crop (rotate the eyes level first) can replace the
 * plain box without touching the photo and video paths.
 */
@FunctionalInterface
public interface FaceCropper {
    /** The detector's box on the unchanged image: preprocessing squares it and adds the model's margin, as in training. */
    FaceCropper BOX = (image, face) -> new Crop(image, face.box());

    Crop crop(BufferedImage image, DetectedFace face);

    /**
     * The image to crop from and the face box in it, and the face's landmarks where the cropper located them
     * (null otherwise). The landmarks are in the pixels of the image the face was detected in (the photo or
     * frame), not of {@code image}, which for a levelled crop is a turned patch: they are for the output rows,
     * so a caller that asked for them reuses the cropper's instead of running the landmark network again.
     */
    record Crop(BufferedImage image, FaceBox box, List<double[]> landmarks) {
        public Crop {
            if (image == null || box == null) {
                throw new IllegalArgumentException("a crop needs an image and a box");
            }
            if (landmarks != null) {
                List<double[]> copy = new ArrayList<>(landmarks.size());
                for (double[] p : landmarks) {
                    if (p == null || p.length != 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                        throw new IllegalArgumentException("a crop's landmark must be a finite (x, y) pair");
                    }
                    copy.add(p.clone());
                }
                landmarks = List.copyOf(copy);
            }
        }

        /** A crop without landmarks. */
        public Crop(BufferedImage image, FaceBox box) {
            this(image, box, null);
        }
    }
}
