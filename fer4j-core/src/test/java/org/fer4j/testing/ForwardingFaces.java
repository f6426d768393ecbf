package org.fer4j.testing;

import org.fer4j.data.FaceStore;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;

/** A face store that forwards everything to real faces, so a test overrides only what it perturbs. */
public abstract class ForwardingFaces implements FaceStore {
    protected final FaceStore base;

    protected ForwardingFaces(FaceStore base) {
        this.base = base;
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public Preprocessing preprocessing() {
        return base.preprocessing();
    }

    @Override
    public LabelSet labels() {
        return base.labels();
    }

    @Override
    public Sample sample(int index) {
        return base.sample(index);
    }

    @Override
    public int label(int index) {
        return base.label(index);
    }

    @Override
    public void target(int index, float[] dst, int offset) {
        base.target(index, dst, offset);
    }

    @Override
    public void neutral(int index, float[] dst, int offset) {
        base.neutral(index, dst, offset);
    }

    @Override
    public boolean hasNeutral(int index) {
        return base.hasNeutral(index);
    }
}
