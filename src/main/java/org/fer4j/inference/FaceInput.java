package org.fer4j.inference;

import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;

/** One face to recognise: the image, optionally the subject's neutral reference and a face box. */
public record FaceInput(String name, ImageRef image, ImageRef neutral, FaceBox box) {
    public FaceInput {
        if (name == null || image == null) {
            throw new IllegalArgumentException("a face input needs a name and an image");
        }
    }
}
