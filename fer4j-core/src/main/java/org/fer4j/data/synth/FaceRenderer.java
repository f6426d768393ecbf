package org.fer4j.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Draws one face with Java2D from a subject's traits, a geometry and per-image nuisances. Deterministic. */
final class FaceRenderer {
    private FaceRenderer() {
    }

    /**
     * Nuisances of one image. A recording session (one CK+-style sequence) draws them once with
     * {@link #draw}; each frame of the session then moves slightly away with {@link #frame}, so the
     * neutral first frame and the expressive last frames share lighting and pose, as in CK+ and Oulu-CASIA.
     */
    record Nuisance(double rotation, double shiftX, double shiftY, double scale, double lightAngle, double lightStrength,
                    double brightness, double contrast, double noise, boolean occluded, double occX, double occY,
                    boolean lowQuality) {
        static Nuisance draw(Random r, double occlusionRate, boolean lowQuality) {
            return new Nuisance(Math.toRadians((r.nextDouble() * 2 - 1) * 4), (r.nextDouble() * 2 - 1) * 0.025,
                    (r.nextDouble() * 2 - 1) * 0.025, 0.96 + 0.08 * r.nextDouble(), r.nextDouble() * 2 * Math.PI,
                    0.15 + 0.3 * r.nextDouble(), (r.nextDouble() * 2 - 1) * 0.1, 0.85 + 0.3 * r.nextDouble(),
                    0.005 + 0.015 * r.nextDouble(), r.nextDouble() < occlusionRate, r.nextDouble(), r.nextDouble(), lowQuality);
        }

        /** A frame of this session: small head motion and light drift, fresh noise, its own occlusion and quality. */
        Nuisance frame(Random r, double occlusionRate, boolean lowQuality) {
            return new Nuisance(rotation + Math.toRadians((r.nextDouble() * 2 - 1) * 1.0),
                    shiftX + (r.nextDouble() * 2 - 1) * 0.008, shiftY + (r.nextDouble() * 2 - 1) * 0.008,
                    scale * (0.99 + 0.02 * r.nextDouble()), lightAngle + (r.nextDouble() * 2 - 1) * 0.1,
                    Math.max(0, lightStrength + (r.nextDouble() * 2 - 1) * 0.03), brightness + (r.nextDouble() * 2 - 1) * 0.02,
                    contrast * (0.97 + 0.06 * r.nextDouble()), noise, r.nextDouble() < occlusionRate, r.nextDouble(),
                    r.nextDouble(), lowQuality);
        }
    }

    static BufferedImage render(SubjectTraits t, FaceGeometry geo, Nuisance n, int size, Random r) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size;
        g.setColor(new Color(200, 205, 210));
        g.fillRect(0, 0, size, size);
        g.translate(s / 2 + n.shiftX() * s, s / 2 + n.shiftY() * s);
        g.rotate(n.rotation());
        g.scale(n.scale(), n.scale());
        g.translate(-s / 2, -s / 2);

        double fw = t.faceWidth() * s;
        double fh = t.faceHeight() * s;
        double fx = s / 2 - fw / 2;
        double fy = s * 0.54 - fh / 2;
        // hair behind / on top of the face
        g.setColor(t.hair());
        switch (t.hairStyle()) {
            case 0 -> g.fill(new Ellipse2D.Double(fx - 0.04 * s, fy - 0.06 * s, fw + 0.08 * s, fh * 0.55));
            case 1 -> g.fill(new Ellipse2D.Double(fx - 0.06 * s, fy - 0.04 * s, fw + 0.12 * s, fh * 0.95));
            default -> g.fill(new Ellipse2D.Double(fx + 0.05 * s, fy - 0.03 * s, fw - 0.1 * s, fh * 0.35));
        }
        g.setColor(t.skin());
        g.fill(new Ellipse2D.Double(fx, fy + 0.03 * s, fw, fh));

        Color feature = new Color(45, 30, 25);
        // brows
        double browY = s * 0.38 - geo.browHeight() * 0.045 * s;
        double eyeDx = t.eyeSpacing() * s / 2;
        g.setColor(t.hair().darker());
        g.setStroke(new BasicStroke((float) (t.browThickness() * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int side = -1; side <= 1; side += 2) {
            double outerX = s / 2 + side * (eyeDx + 0.07 * s);
            double innerX = s / 2 + side * (eyeDx - 0.06 * s);
            double innerY = browY + geo.browSlant() * 0.04 * s - geo.browInner() * 0.042 * s;
            double outerY = browY - geo.browSlant() * 0.012 * s;
            Path2D brow = new Path2D.Double();
            brow.moveTo(outerX, outerY);
            brow.quadTo((outerX + innerX) / 2, (outerY + innerY) / 2 - 0.012 * s, innerX, innerY);
            g.draw(brow);
        }
        // eyes
        double eyeY = s * 0.46;
        double eyeW = 0.11 * s * t.eyeSize();
        double eyeH = Math.max(0.006 * s, (0.055 + 0.022 * geo.eyeOpen()) * s * t.eyeSize());
        for (int side = -1; side <= 1; side += 2) {
            double cx = s / 2 + side * eyeDx;
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(cx - eyeW / 2, eyeY - eyeH / 2, eyeW, eyeH));
            g.setColor(feature);
            double pupil = Math.min(eyeH, eyeW * 0.45);
            g.fill(new Ellipse2D.Double(cx - pupil / 2, eyeY - pupil / 2, pupil, pupil));
            g.setStroke(new BasicStroke((float) (0.008 * s)));
            g.draw(new Ellipse2D.Double(cx - eyeW / 2, eyeY - eyeH / 2, eyeW, eyeH));
        }
        if (t.glasses()) {
            g.setColor(new Color(20, 20, 20));
            g.setStroke(new BasicStroke((float) (0.012 * s)));
            for (int side = -1; side <= 1; side += 2) {
                double cx = s / 2 + side * eyeDx;
                g.draw(new Ellipse2D.Double(cx - 0.085 * s, eyeY - 0.06 * s, 0.17 * s, 0.12 * s));
            }
            g.draw(new java.awt.geom.Line2D.Double(s / 2 - eyeDx + 0.085 * s, eyeY, s / 2 + eyeDx - 0.085 * s, eyeY));
        }
        // nose and wrinkles
        g.setColor(t.skin().darker().darker());
        g.setStroke(new BasicStroke((float) (0.014 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double noseTop = s * 0.5;
        double noseBottom = noseTop + 0.11 * s * t.noseLength();
        g.draw(new java.awt.geom.Line2D.Double(s / 2, noseTop, s / 2 - 0.01 * s, noseBottom));
        g.draw(new java.awt.geom.Line2D.Double(s / 2 - 0.035 * s, noseBottom, s / 2 + 0.03 * s, noseBottom));
        if (geo.noseWrinkle() > 0.3) {
            float a = (float) Math.min(1, (geo.noseWrinkle() - 0.3) / 1.5);
            g.setColor(new Color(60, 35, 30, Math.round(200 * a)));
            g.setStroke(new BasicStroke((float) (0.01 * s)));
            for (int i = 0; i < 3; i++) {
                double y = noseTop - 0.01 * s + i * 0.018 * s;
                g.draw(new java.awt.geom.Line2D.Double(s / 2 - 0.05 * s, y, s / 2 + 0.05 * s, y - 0.004 * s));
            }
        }
        // mouth
        double mouthY = s * 0.72;
        double half = 0.1 * s * (t.mouthBaseWidth() + 0.15 * geo.mouthWidth());
        double curve = geo.mouthCurve() * 0.036 * s;
        double leftY = mouthY - curve;
        double rightY = mouthY - curve - geo.cornerAsym() * 0.045 * s;
        double open = Math.max(0, geo.mouthOpen()) * 0.03 * s;
        g.setColor(new Color(120, 40, 45));
        g.setStroke(new BasicStroke((float) (0.024 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        QuadCurve2D upper = new QuadCurve2D.Double(s / 2 - half, leftY, s / 2, mouthY + curve * 0.6, s / 2 + half, rightY);
        if (open > 0.004 * s) {
            Path2D lips = new Path2D.Double();
            lips.moveTo(s / 2 - half, leftY);
            lips.quadTo(s / 2, mouthY + curve * 0.6 - open * 0.3, s / 2 + half, rightY);
            lips.quadTo(s / 2, mouthY + curve * 0.6 + open * 1.6, s / 2 - half, leftY);
            g.setColor(new Color(60, 15, 20));
            g.fill(lips);
            g.setColor(new Color(120, 40, 45));
            g.draw(lips);
        } else {
            g.draw(upper);
        }
        g.dispose();
        return finish(img, n, r);
    }

    /** Lighting gradient, brightness/contrast, occlusion, low quality and pixel noise. */
    private static BufferedImage finish(BufferedImage img, Nuisance n, Random r) {
        int s = img.getWidth();
        Graphics2D g = img.createGraphics();
        double cx = s / 2.0, cy = s / 2.0, dx = Math.cos(n.lightAngle()) * s / 2, dy = Math.sin(n.lightAngle()) * s / 2;
        int a = (int) Math.round(255 * n.lightStrength());
        g.setPaint(new GradientPaint((float) (cx - dx), (float) (cy - dy), new Color(255, 255, 255, a / 2),
                (float) (cx + dx), (float) (cy + dy), new Color(0, 0, 0, a)));
        g.fillRect(0, 0, s, s);
        if (n.occluded()) {
            g.setColor(new Color(70 + r.nextInt(120), 70 + r.nextInt(120), 70 + r.nextInt(120)));
            int w = (int) (s * (0.2 + 0.15 * r.nextDouble()));
            g.fillRect((int) (n.occX() * (s - w)), (int) (s * 0.3 + n.occY() * s * 0.45), w, (int) (w * 0.7));
        }
        g.dispose();
        if (n.lowQuality()) {
            int small = Math.max(8, s / 6);
            BufferedImage tiny = new BufferedImage(small, small, BufferedImage.TYPE_INT_RGB);
            Graphics2D t = tiny.createGraphics();
            t.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            t.drawImage(img, 0, 0, small, small, null);
            t.dispose();
            Graphics2D back = img.createGraphics();
            back.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            back.drawImage(tiny, 0, 0, s, s, null);
            back.dispose();
        }
        double contrast = n.contrast() * (n.lowQuality() ? 0.5 : 1);
        double bright = n.brightness() - (n.lowQuality() ? 0.25 : 0);
        double noise = n.noise() * (n.lowQuality() ? 5 : 1);
        int[] px = img.getRGB(0, 0, s, s, null, 0, s);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int[] c = {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
            double eps = r.nextGaussian() * noise;
            for (int k = 0; k < 3; k++) {
                double v = c[k] / 255.0;
                v = (v - 0.5) * contrast + 0.5 + bright + eps;
                c[k] = SubjectTraits.clamp((int) Math.round(v * 255));
            }
            px[i] = (c[0] << 16) | (c[1] << 8) | c[2];
        }
        img.setRGB(0, 0, s, s, px, 0, s);
        return img;
    }
}
