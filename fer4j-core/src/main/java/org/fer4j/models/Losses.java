package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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

    /**
     * The identity-keeping term on z_n: a supervised contrastive loss (Khosla et al., NeurIPS 2020) whose
     * positives are the other images of the same subject in the batch. Rows of L2-normalised z are
     * compared by cosine similarity over {@code temperature}; each image's loss is the mean negative
     * log-probability of its positives among all other images. It rewards z_n for keeping identity
     * without a classifier sized to the training subjects (which change with the fold).
     *
     * @param subjects each row's subject number, -1 where unknown (such rows have no positives)
     * @return the mean over the rows that have a positive, or null when none has
     */
    public static NDArray subjectContrastive(NDArray z, int[] subjects, double temperature) {
        int b = subjects.length;
        if (z.getShape().get(0) != b) {
            throw new IllegalArgumentException("subjects for " + b + " rows, representation has " + z.getShape().get(0));
        }
        float[] positives = new float[b * b];
        float[] hasPositive = new float[b];
        int rows = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                if (i != j && subjects[i] >= 0 && subjects[i] == subjects[j]) {
                    positives[i * b + j] = 1;
                    hasPositive[i] = 1;
                }
            }
            rows += hasPositive[i] > 0 ? 1 : 0;
        }
        if (rows == 0) {
            return null;
        }
        NDManager m = z.getManager();
        NDArray norm = z.square().sum(new int[] {1}, true).add(m.full(new Shape(), 1e-12f, z.getDataType())).sqrt();
        NDArray u = z.div(norm);
        NDArray sim = scaled(u.matMul(u.transpose()), 1 / temperature);
        // An image is not its own candidate: its similarity is pushed far below every other before the softmax.
        NDArray masked = sim.sub(m.eye(b).mul(m.full(new Shape(), 1e4f, z.getDataType())));
        NDArray p = m.create(positives, new Shape(b, b));
        NDArray counts = p.sum(new int[] {1}).maximum(1f);
        NDArray perRow = masked.logSoftmax(1).mul(p).sum(new int[] {1}).div(counts).neg();
        return perRow.mul(m.create(hasPositive)).sum().div(m.full(new Shape(), (float) rows, z.getDataType()));
    }
}
