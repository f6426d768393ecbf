package org.fer4j.vision.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the faces in a raw photo or video frame, so a recogniser trained on face crops can be given
 * what users have: pictures of people. Implementations own native sessions ({@link #close}); one
 * detector may be called from one thread at a time unless it says otherwise.
 *
 * <p>A photo without a face is an empty list, not an error. Boxes are in the image's own pixels.
 */
public interface FaceDetector extends AutoCloseable {
    /** The detector's name as the CLI spells it ({@code --detector NAME}). */
    String name();

    /** Every face found in {@code image}, best score first. */
    List<DetectedFace> detect(BufferedImage image);

    /** Faces of several images (a batch of frames); detectors that batch natively override it. */
    default List<List<DetectedFace>> detectAll(List<BufferedImage> images) {
        List<List<DetectedFace>> out = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            out.add(detect(image));
        }
        return out;
    }

    @Override
    void close();
}
