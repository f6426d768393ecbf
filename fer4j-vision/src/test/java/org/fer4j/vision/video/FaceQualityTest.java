package org.fer4j.vision.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceCropper;
import org.junit.jupiter.api.Test;

/** The reference's quality gate: blur lowers sharpness, a turned face is not frontal, and the choice skips both. */
class FaceQualityTest {
    /** A frame whose face (40×40 at 40, 30) is a checkerboard around {@code grey}, optionally box-blurred 7×7. */
    static FaceCropper.Crop textured(int grey, boolean blurred) {
        BufferedImage img = new BufferedImage(120, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 120; x++) {
                boolean face = x >= 40 && x < 80 && y >= 30 && y < 70;
                int v = face ? Math.max(0, Math.min(255, grey + (((x / 4) + (y / 4)) % 2 == 0 ? 20 : -20))) : 64;
                img.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        if (blurred) {
            float[] k = new float[49];
            Arrays.fill(k, 1f / 49);
            BufferedImage out = new BufferedImage(120, 100, BufferedImage.TYPE_INT_RGB);
            new ConvolveOp(new Kernel(7, 7, k), ConvolveOp.EDGE_NO_OP, null).filter(img, out);
            img = out;
        }
        return new FaceCropper.Crop(img, new FaceBox(40, 30, 40, 40));
    }

    static List<DetectedFace.Keypoint> eyesAndNose(double noseX) {
        return List.of(new DetectedFace.Keypoint(50, 40), new DetectedFace.Keypoint(70, 40), new DetectedFace.Keypoint(noseX, 50));
    }

    @Test
    void blurLowersSharpnessAndAFlatFaceHasNone() {
        FaceCropper.Crop sharp = textured(150, false);
        FaceCropper.Crop blurred = textured(150, true);
        double s = FaceQuality.sharpness(sharp.image(), sharp.box());
        double b = FaceQuality.sharpness(blurred.image(), blurred.box());
        assertThat(b).isPositive().isLessThan(FaceQuality.SHARP_FRACTION * s);
        BufferedImage flat = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        assertThat(FaceQuality.sharpness(flat, new FaceBox(5, 5, 40, 40))).isZero();
        assertThat(FaceQuality.sharpness(flat, new FaceBox(48, 48, 10, 10))).as("a box off the image").isZero();
    }

    @Test
    void theNoseBetweenTheEyesIsFrontal() {
        assertThat(FaceQuality.frontal(eyesAndNose(60))).isTrue();
        assertThat(FaceQuality.frontal(eyesAndNose(66))).as("0.3 eye distances").isTrue();
        assertThat(FaceQuality.frontal(eyesAndNose(69))).as("0.45 eye distances: turned").isFalse();
        assertThat(FaceQuality.frontal(List.of())).as("no keypoints (Haar)").isTrue();
    }

    @Test
    void aBlurredOrTurnedFrameIsNotChosenHoweverNeutral() {
        NeutralReferences refs = new NeutralReferences(NeutralReferences.Mode.AUTO, 0, NeutralReferencesTest.BRIGHTNESS);
        List<NeutralReferences.Face> faces = new ArrayList<>();
        faces.add(new NeutralReferences.Face(1, 0, textured(180, false)));
        faces.add(new NeutralReferences.Face(1, 1, textured(230, true)));     // more neutral, blurred
        FaceCropper.Crop turned = textured(230, false);
        faces.add(new NeutralReferences.Face(1, 2, turned, turned.image(), turned.box(), eyesAndNose(69))); // turned
        FaceCropper.Crop frontal = textured(220, false);
        faces.add(new NeutralReferences.Face(1, 3, frontal, frontal.image(), frontal.box(), eyesAndNose(61)));
        assertThat(refs.referencesFor(faces).stream().map(NeutralReferences.Ref::frame).toList()).containsExactly(0L, 0L, 0L, 3L);
    }

    @Test
    void withARankerASharpFrameAsNeutralAsABlurredAnchorReplacesIt() {
        NeutralReferences refs = new NeutralReferences(NeutralReferences.Mode.AUTO, 0, NeutralReferencesTest.ranker(0));
        List<NeutralReferences.Face> faces = List.of(new NeutralReferences.Face(1, 0, textured(200, true)),
                new NeutralReferences.Face(1, 1, textured(60, false)),   // clearly more expressive: confirms the anchor's level
                new NeutralReferences.Face(1, 2, textured(205, false)),  // as neutral as the anchor, and sharp
                new NeutralReferences.Face(1, 3, textured(200, true)));
        List<Long> frames = refs.referencesFor(faces).stream().map(r -> r == null ? -1L : r.frame()).toList();
        assertThat(frames).containsExactly(-1L, 0L, 2L, 2L);
    }
}
