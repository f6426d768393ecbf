package org.fer4j.data;

import java.util.Objects;

/**
 * One labelled face as a dataset lists it: the image, its expression, who it is, and (where the
 * protocol has one) the same subject's neutral reference. Adapters produce samples; they never decode.
 *
 * @param id       stable unique id within the dataset (used for folds, SPL logs and reports)
 * @param image    the target face
 * @param label    its expression
 * @param subject  subject id, or {@code null} where unknown (RAF-DB, FER2013, image folders)
 * @param sequence sequence id within the subject, or {@code null}
 * @param split    the official partition, or {@link Split#UNSPECIFIED}
 * @param neutral  the same subject's neutral reference image, or {@code null}
 * @param box      face box in {@code image}, or {@code null} to use the whole image
 * @param neutralBox face box in {@code neutral}, or {@code null}
 */
public record Sample(String id, ImageRef image, Emotion label, String subject, String sequence, Split split,
                     ImageRef neutral, FaceBox box, FaceBox neutralBox) {
    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image of sample " + id);
        Objects.requireNonNull(label, "label of sample " + id);
        split = split == null ? Split.UNSPECIFIED : split;
    }

    /** A sample without neutral reference, subject or face box. */
    public static Sample of(String id, ImageRef image, Emotion label) {
        return new Sample(id, image, label, null, null, Split.UNSPECIFIED, null, null, null);
    }

    public boolean hasNeutral() {
        return neutral != null;
    }

    public Sample withSplit(Split s) {
        return new Sample(id, image, label, subject, sequence, s, neutral, box, neutralBox);
    }

    public Sample withNeutral(ImageRef n, FaceBox nBox) {
        return new Sample(id, image, label, subject, sequence, split, n, box, nBox);
    }
}
