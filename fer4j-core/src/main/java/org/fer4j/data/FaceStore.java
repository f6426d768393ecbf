package org.fer4j.data;

import java.util.List;

/**
 * Preprocessed face tensors of a dataset, indexed like its samples: what the trainer reads batches
 * from. Implementations hold them in memory (small sets) or stream them from an on-disk cache
 * (AffectNet-sized sets), so memory stays bounded by the implementation, not the trainer.
 */
public interface FaceStore extends AutoCloseable {

    /** Number of usable samples (those that failed to decode are not counted). */
    int size();

    /** The preprocessing that produced the tensors. */
    Preprocessing preprocessing();

    /** The class order of the labels. */
    LabelSet labels();

    /** The listed sample at {@code index}. */
    Sample sample(int index);

    /** Class index of sample {@code index} in {@link #labels()}. */
    default int label(int index) {
        return labels().indexOf(sample(index).label());
    }

    /** Copies the target tensor of sample {@code index} into {@code dst} at {@code offset}. */
    void target(int index, float[] dst, int offset);

    /** Copies the neutral reference tensor; throws if the sample has none. */
    void neutral(int index, float[] dst, int offset);

    boolean hasNeutral(int index);

    /** What could not be loaded and why (including what the adapter skipped while listing). */
    default List<Skipped> skipped() {
        return List.of();
    }

    @Override
    default void close() {
    }
}
