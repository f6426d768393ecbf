package org.fer4j.batches;

import java.util.Random;
import org.fer4j.data.FaceStore;

/**
 * Copies a list of samples out of a {@link FaceStore} into a {@link PairedBatch}, augmenting if asked
 * and attaching class loss weights when class balancing by weights is on.
 */
public final class BatchAssembler {
    private final FaceStore store;
    private final boolean withNeutrals;
    private final PairedAugmentation augmentation;
    private final float[] classWeights;

    /**
     * @param augmentation null for evaluation batches
     */
    public BatchAssembler(FaceStore store, boolean withNeutrals, PairedAugmentation augmentation) {
        this(store, withNeutrals, augmentation, null);
    }

    /**
     * @param classWeights loss weight per class index, or null for unweighted batches
     */
    public BatchAssembler(FaceStore store, boolean withNeutrals, PairedAugmentation augmentation, float[] classWeights) {
        this.store = store;
        this.withNeutrals = withNeutrals;
        this.augmentation = augmentation;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    public PairedBatch assemble(int[] indices, Random rng) {
        int per = store.preprocessing().length();
        int c = store.preprocessing().channels();
        int size = store.preprocessing().size();
        float[] t = new float[indices.length * per];
        float[] n = withNeutrals ? new float[indices.length * per] : null;
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int idx = indices[i];
            store.target(idx, t, i * per);
            if (n != null) {
                if (!store.hasNeutral(idx)) {
                    throw new IllegalArgumentException("sample " + store.sample(idx).id()
                            + " has no neutral reference; paired models need one per target");
                }
                store.neutral(idx, n, i * per);
            }
            labels[i] = store.label(idx);
            if (augmentation != null) {
                augmentation.apply(t, n, i * per, c, size, rng);
            }
        }
        float[] weights = null;
        if (classWeights != null) {
            weights = new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                weights[i] = classWeights[labels[i]];
            }
        }
        return new PairedBatch(t, n, labels, indices.clone(), c, size, weights);
    }
}
