package org.fer4j.data;

import java.util.Collections;
import java.util.List;

/**
 * What every face store keeps besides its tensors: the samples it could load (in dataset order), their
 * classes and preprocessing, and what was skipped and why. Stores differ only in where tensors live.
 */
public abstract class LoadedFaces implements FaceStore {
    private final LabelSet labels;
    private final Preprocessing preprocessing;
    private final List<Sample> samples;
    private final List<Skipped> skipped;

    protected LoadedFaces(LabelSet labels, Preprocessing preprocessing, List<Sample> samples, List<Skipped> skipped) {
        this.labels = labels;
        this.preprocessing = preprocessing;
        this.samples = Collections.unmodifiableList(samples);
        this.skipped = Collections.unmodifiableList(skipped);
    }

    /** Samples that could not be loaded, with the reason (including those the adapter skipped). */
    @Override
    public List<Skipped> skipped() {
        return skipped;
    }

    /** The samples actually loaded, as a dataset lists them (for folds and reports). */
    public List<Sample> samples() {
        return samples;
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public Sample sample(int index) {
        return samples.get(index);
    }
}
