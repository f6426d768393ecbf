package org.fer4j.inference;

import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;

/**
 * One face to recognise: the image, optionally the subject's neutral reference, and the face boxes to
 * crop each by (as training cropped them, e.g. CK+'s landmark boxes); a null box uses the whole image.
 */
public record FaceInput(String name, ImageRef image, ImageRef neutral, FaceBox box, FaceBox neutralBox) {
    public FaceInput {
        if (name == null || image == null) {
            throw new IllegalArgumentException("a face input needs a name and an image");
        }
    }

    /** A face whose neutral reference, if any, is used whole. */
    public FaceInput(String name, ImageRef image, ImageRef neutral, FaceBox box) {
        this(name, image, neutral, box, null);
    }
}
