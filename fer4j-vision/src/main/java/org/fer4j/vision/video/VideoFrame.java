package org.fer4j.vision.video;

import java.awt.image.BufferedImage;

/** One decoded frame: its 0-based index in the source, its time in seconds, and its pixels (owned by the holder). */
public record VideoFrame(long index, double seconds, BufferedImage image) {
    public VideoFrame {
        if (index < 0 || !(seconds >= 0) || image == null) {
            throw new IllegalArgumentException("a frame needs an index ≥ 0, a time ≥ 0 and an image");
        }
    }
}
