package org.fer4j.vision;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Real faces for detector tests: the 112×112 crops of face-api's demo photos kept as fixtures
 * ({@code faceapi/sample*-face.rgb}), composited into larger frames (synthetic drawn faces do not look
 * like faces to a Haar cascade).
 */
public final class FixtureFaces {
    /** Fixture faces available (1-based). */
    public static final int COUNT = 3;
    /** The fixture faces OpenCV's frontal Haar cascade finds (sample 1's face is turned and is missed at every scale). */
    public static final int[] FRONTAL = {2, 3};

    private FixtureFaces() {
    }

    /** Face {@code i} (1..3) as a 112×112 RGB image. */
    public static BufferedImage face(int i) {
        String name = "faceapi/sample" + i + "-face.rgb";
        try (InputStream in = FixtureFaces.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            byte[] rgb = in.readAllBytes();
            BufferedImage img = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
            for (int p = 0, k = 0; p < 112 * 112; p++, k += 3) {
                img.setRGB(p % 112, p / 112, (rgb[k] & 0xff) << 16 | (rgb[k + 1] & 0xff) << 8 | (rgb[k + 2] & 0xff));
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A grey {@code w × h} frame with the given faces drawn at {@code (x, y)} with side {@code side}. */
    public static BufferedImage frame(int w, int h, int[]... faces) {
        BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(new Color(0x80, 0x80, 0x80));
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            for (int[] f : faces) { // {face index, x, y, side}
                g.drawImage(face(f[0]), f[1], f[2], f[3], f[3], null);
            }
        } finally {
            g.dispose();
        }
        return frame;
    }
}
