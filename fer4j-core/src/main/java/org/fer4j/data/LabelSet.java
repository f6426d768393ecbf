package org.fer4j.data;

import java.util.EnumSet;
import java.util.List;

/**
 * The ordered classes a model predicts. The class index of an emotion is its position here; this
 * order is saved with every model so that a prediction always names the right emotion.
 */
public record LabelSet(List<Emotion> classes) {

    /** CK+'s seven expression classes (the SPNDL protocol: neutral frames are references, not targets). */
    public static final LabelSet CK_PLUS_7 = new LabelSet(List.of(Emotion.ANGER, Emotion.CONTEMPT,
            Emotion.DISGUST, Emotion.FEAR, Emotion.HAPPINESS, Emotion.SADNESS, Emotion.SURPRISE));
    /** Oulu-CASIA's six classes. */
    public static final LabelSet SIX_BASIC = new LabelSet(List.of(Emotion.ANGER, Emotion.DISGUST,
            Emotion.FEAR, Emotion.HAPPINESS, Emotion.SADNESS, Emotion.SURPRISE));
    /** Six basic classes plus neutral (RAF-DB, FER2013, JAFFE, AffectNet-7). */
    public static final LabelSet BASIC_7_WITH_NEUTRAL = new LabelSet(List.of(Emotion.NEUTRAL, Emotion.ANGER,
            Emotion.DISGUST, Emotion.FEAR, Emotion.HAPPINESS, Emotion.SADNESS, Emotion.SURPRISE));
    /** All eight canonical classes (AffectNet-8). */
    public static final LabelSet ALL_8 = new LabelSet(List.of(Emotion.values()));

    public LabelSet {
        if (classes == null || classes.size() < 2) {
            throw new IllegalArgumentException("a label set needs at least two classes, got " + classes);
        }
        if (EnumSet.copyOf(classes).size() != classes.size()) {
            throw new IllegalArgumentException("duplicate class in label set " + classes);
        }
        classes = List.copyOf(classes);
    }

    public int size() {
        return classes.size();
    }

    public boolean contains(Emotion e) {
        return classes.contains(e);
    }

    /** Class index of {@code e}; throws naming the emotion if this set does not predict it. */
    public int indexOf(Emotion e) {
        int i = classes.indexOf(e);
        if (i < 0) {
            throw new IllegalArgumentException("label '" + e.canonicalName() + "' is not one of the classes "
                    + names());
        }
        return i;
    }

    public Emotion get(int index) {
        return classes.get(index);
    }

    public List<String> names() {
        return classes.stream().map(Emotion::canonicalName).toList();
    }

    public static LabelSet ofNames(List<String> names) {
        return new LabelSet(names.stream().map(Emotion::parse).toList());
    }
}
