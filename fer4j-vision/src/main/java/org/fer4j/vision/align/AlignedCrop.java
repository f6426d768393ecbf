package org.fer4j.vision.align;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;

/**
 * The crop of a face found in a raw photo, made the way the papers' protocol (and fer4j's CK+ adapter)
 * crops a dataset frame by its landmark file: the box of the 68 landmarks' extreme points
 * ({@link FaceLandmarks#box}), handed to {@code Preprocessing}, which adds fer4j's margin on every side
 * and squares it around its centre ({@link #square}). Optionally the face is first turned so the eye
 * line is level ({@link #levelEyes}), which CK+'s near-frontal frames did not need but photos do.
 */
public final class AlignedCrop {
    private AlignedCrop() {
    }

    /**
     * The square {@code Preprocessing} cuts for a face box: side max(w, h) × (1 + 2·margin), centred on
     * the box (for comparing crops; pass the box itself to {@code Preprocessing}).
     */
    public static FaceBox square(FaceBox box, double margin) {
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("crop margin must be in [0, 1], got " + margin);
        }
        double side = Math.max(box.width(), box.height()) * (1 + 2 * margin);
        return new FaceBox(box.x() + box.width() / 2 - side / 2, box.y() + box.height() / 2 - side / 2, side, side);
    }

    /**
     * A face turned upright: {@code image} is a square patch of the photo (twice the landmark box's
     * longer side, centred on it; outside the photo black) rotated by −{@link FaceLandmarks#eyeAngle}
     * about its centre, {@code landmarks} and {@code box} are in the patch's pixels.
     *
     * @param angleDegrees how far the photo's face was tilted (clockwise on screen)
     */
    public record Levelled(BufferedImage image, FaceLandmarks landmarks, FaceBox box, double angleDegrees) {
    }

    /** Turns the face so its eyes lie on a horizontal line; the patch keeps the photo's resolution. */
    public static Levelled levelEyes(BufferedImage photo, FaceLandmarks lm) {
        FaceBox b = lm.box();
        double cx = b.x() + b.width() / 2;
        double cy = b.y() + b.height() / 2;
        int side = (int) Math.ceil(2 * Math.max(b.width(), b.height()));
        if (side > 8192) {
            throw new IllegalArgumentException("face of " + Math.round(Math.max(b.width(), b.height()))
                    + " px is too large to level (at most 4,096 px); downscale the photo first");
        }
        double angle = lm.eyeAngle();
        // patch = rotate(-angle) about the patch centre ∘ translate(photo centre → patch centre)
        AffineTransform t = new AffineTransform();
        t.rotate(-angle, side / 2.0, side / 2.0);
        t.translate(side / 2.0 - cx, side / 2.0 - cy);
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(photo, t, null);
        } finally {
            g.dispose();
        }
        List<double[]> pts = new ArrayList<>(FaceLandmarks.POINTS);
        for (double[] p : lm.points()) {
            double[] q = new double[2];
            t.transform(p, 0, q, 0, 1);
            pts.add(q);
        }
        FaceLandmarks moved = new FaceLandmarks(pts);
        return new Levelled(out, moved, moved.box(), Math.toDegrees(angle));
    }
}
