package org.fer4j.spark.cv;

import java.io.Serializable;

/**
 * One Spark task of a distributed cross-validation: row {@code variant} of the experiment trained on its
 * fold at position {@code fold} of the fold list, with the seed the single-machine run gives that fold.
 */
record FoldTask(int variant, int fold) implements Serializable {
    FoldTask {
        if (variant < 0 || fold < 0) {
            throw new IllegalArgumentException("task indices must not be negative: " + variant + ", " + fold);
        }
    }
}
