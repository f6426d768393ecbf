package org.fer4j.data.synth;

import org.fer4j.data.Emotion;

/**
 * The expression-bearing geometry of a face, in units of one identity standard deviation. A subject's
 * resting geometry is drawn once; an expression <em>adds</em> a change to it, so the same absolute
 * value (say, a low mouth curve) can be a sad expression or a person's resting mouth — the confound.
 *
 * @param browHeight  brows raised (+) or lowered (−)
 * @param browSlant   inner brow ends pulled down (+, angry) or up (−)
 * @param browInner   inner brow ends raised (fear, sadness)
 * @param eyeOpen     eyes widened (+) or narrowed (−)
 * @param mouthCurve  mouth corners up (+) or down (−)
 * @param mouthOpen   mouth opened
 * @param mouthWidth  mouth stretched
 * @param cornerAsym  one corner raised (contempt)
 * @param noseWrinkle nose wrinkled (disgust)
 */
public record FaceGeometry(double browHeight, double browSlant, double browInner, double eyeOpen, double mouthCurve,
                           double mouthOpen, double mouthWidth, double cornerAsym, double noseWrinkle) {

    public static final FaceGeometry ZERO = new FaceGeometry(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public double[] toArray() {
        return new double[] {browHeight, browSlant, browInner, eyeOpen, mouthCurve, mouthOpen, mouthWidth, cornerAsym,
                noseWrinkle};
    }

    public FaceGeometry plus(FaceGeometry d, double scale) {
        return new FaceGeometry(browHeight + scale * d.browHeight, browSlant + scale * d.browSlant,
                browInner + scale * d.browInner, eyeOpen + scale * d.eyeOpen, mouthCurve + scale * d.mouthCurve,
                mouthOpen + scale * d.mouthOpen, mouthWidth + scale * d.mouthWidth, cornerAsym + scale * d.cornerAsym,
                noseWrinkle + scale * d.noseWrinkle);
    }

    /** The full-intensity change each expression makes to a neutral face (FACS-like action units). */
    public static FaceGeometry change(Emotion e) {
        return switch (e) {
            case NEUTRAL -> ZERO;
            case ANGER -> new FaceGeometry(-1.4, 1.8, 0, -0.9, -0.5, 0, -0.3, 0, 0.3);
            case CONTEMPT -> new FaceGeometry(0, 0, 0, -0.2, 0.3, 0, 0, 2.2, 0);
            case DISGUST -> new FaceGeometry(-0.8, 0.6, 0, -0.7, -0.9, 0.3, 0, 0, 2.2);
            case FEAR -> new FaceGeometry(0.8, -0.6, 1.8, 1.6, -0.3, 0.8, 0.8, 0, 0);
            case HAPPINESS -> new FaceGeometry(0, 0, 0, -0.5, 2.2, 0.3, 0.8, 0, 0);
            case SADNESS -> new FaceGeometry(-0.2, -0.8, 1.5, -0.4, -1.9, 0, -0.2, 0, 0);
            case SURPRISE -> new FaceGeometry(2.0, 0, 0.3, 1.8, 0, 2.0, -0.3, 0, 0);
        };
    }
}
