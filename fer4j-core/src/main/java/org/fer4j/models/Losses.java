package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Loss terms shared by the training steps. */
public final class Losses {
    private Losses() {
    }

    /** Softmax cross-entropy per sample (eq. 10–11): the vector SPL ranks samples by. */
    public static NDArray crossEntropyPerSample(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        return logp.mul(labels.oneHot((int) logits.getShape().get(1))).sum(new int[] {1}).neg();
    }

    /**
     * {@code x · factor} with the factor as a tensor of its own. DJL's {@code NDArray.mul(Number)} closes
     * the scalar it wraps right after the forward operation; PyTorch's autograd keeps that scalar for the
     * backward pass and reads freed memory, so a gradient through {@code mul(Number)} is garbage. Every
     * weighted term on a gradient path goes through here.
     */
    public static NDArray scaled(NDArray x, double factor) {
        return x.mul(x.getManager().full(new Shape(), (float) factor, x.getDataType()));
    }

    /**
     * The batch loss from per-sample losses: their mean, or with class weights Σ w_i·L_i / Σ w_i
     * (PyTorch's {@code CrossEntropyLoss(weight=…)} reduction).
     *
     * @param weights per-sample weights, or null
     */
    public static NDArray batchMean(NDArray perSample, NDArray weights) {
        if (weights == null) {
            return perSample.mean();
        }
        return perSample.mul(weights).sum().div(weights.sum());
    }

    /** Cross-entropy between softmax(logits) and the uniform distribution, averaged: the confusion loss. */
    public static NDArray crossEntropyToUniform(NDArray logits) {
        return logits.logSoftmax(1).mean(new int[] {1}).neg().mean();
    }
}
