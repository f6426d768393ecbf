package org.fer4j.vision.detect;

import java.awt.image.BufferedImage;
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

    /** The image to crop from and the face box in it. */
    record Crop(BufferedImage image, FaceBox box) {
        public Crop {
            if (image == null || box == null) {
                throw new IllegalArgumentException("a crop needs an image and a box");
            }
        }
    }
}
