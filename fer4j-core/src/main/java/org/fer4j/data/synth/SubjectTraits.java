package org.fer4j.data.synth;

import java.awt.Color;
import java.util.Random;

/**
 * A synthetic person: appearance (face shape, skin, eyes, brows, nose, hair, glasses) and the resting
 * geometry that overlaps expression cues (small eyes look squinting, a down-turned mouth looks sad,
 * low slanted brows look angry).
 */
public record SubjectTraits(String id, double faceWidth, double faceHeight, Color skin, double eyeSize,
                           double eyeSpacing, double browThickness, double noseLength, Color hair, int hairStyle,
                           boolean glasses, double mouthBaseWidth, FaceGeometry resting) {

    static SubjectTraits draw(String id, Random r, double confound) {
        int tone = r.nextInt(5);
        Color[] skins = {new Color(255, 224, 196), new Color(234, 192, 160), new Color(198, 148, 110),
                new Color(150, 105, 75), new Color(105, 72, 50)};
        Color[] hairs = {new Color(30, 25, 20), new Color(90, 60, 30), new Color(200, 170, 110), new Color(130, 40, 20),
                new Color(160, 160, 160)};
        FaceGeometry rest = new FaceGeometry(g(r, confound), g(r, confound), 0.3 * g(r, confound), g(r, confound),
                g(r, confound), 0, 0.6 * g(r, confound), 0.25 * g(r, confound), 0.2 * Math.abs(g(r, confound)));
        return new SubjectTraits(id, 0.62 + 0.12 * r.nextDouble(), 0.78 + 0.1 * r.nextDouble(),
                jitter(skins[tone], r), 0.9 + 0.3 * r.nextDouble(), 0.34 + 0.08 * r.nextDouble(),
                0.035 + 0.03 * r.nextDouble(), 0.8 + 0.4 * r.nextDouble(), hairs[r.nextInt(hairs.length)],
                r.nextInt(3), r.nextDouble() < 0.25, 0.9 + 0.25 * r.nextDouble(), rest);
    }

    private static double g(Random r, double scale) {
        return scale * Math.max(-2.2, Math.min(2.2, r.nextGaussian()));
    }

    private static Color jitter(Color c, Random r) {
        int d = r.nextInt(21) - 10;
        return new Color(clamp(c.getRed() + d), clamp(c.getGreen() + d), clamp(c.getBlue() + d));
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
