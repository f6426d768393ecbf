package org.fer4j.vision.faceapi;

import org.fer4j.data.Emotion;

/**
 * face-api's seven expression classes, in its output order, each mapped onto fer4j's {@link Emotion}
 * (it has no contempt class).
 */
public enum FaceExpression {
    NEUTRAL(Emotion.NEUTRAL), HAPPY(Emotion.HAPPINESS), SAD(Emotion.SADNESS), ANGRY(Emotion.ANGER),
    FEARFUL(Emotion.FEAR), DISGUSTED(Emotion.DISGUST), SURPRISED(Emotion.SURPRISE);

    private final Emotion emotion;

    FaceExpression(Emotion emotion) {
        this.emotion = emotion;
    }

    /** The fer4j label this class means. */
    public Emotion emotion() {
        return emotion;
    }
}
