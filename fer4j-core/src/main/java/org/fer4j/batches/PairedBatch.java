package org.fer4j.batches;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A batch of B targets and, for paired models, their B neutral references, with labels and the
 * dataset indices they came from, and optional per-sample loss weights (class balancing; null means
 * all 1). Host memory only; {@link #toInputs} makes the network's inputs in a
 * caller-owned (per-step) manager.
 */
public record PairedBatch(float[] targets, float[] neutrals, int[] labels, int[] indices, int channels, int size,
                          float[] weights) {
    public PairedBatch {
        int per = channels * size * size;
        if (targets.length != labels.length * per || (neutrals != null && neutrals.length != targets.length)
                || indices.length != labels.length || (weights != null && weights.length != labels.length)) {
            throw new IllegalArgumentException("inconsistent paired batch: " + labels.length + " labels, "
                    + targets.length + " target floats, " + (neutrals == null ? 0 : neutrals.length) + " neutral floats");
        }
    }

    /** An unweighted batch. */
    public PairedBatch(float[] targets, float[] neutrals, int[] labels, int[] indices, int channels, int size) {
        this(targets, neutrals, labels, indices, channels, size, null);
    }

    public int batchSize() {
        return labels.length;
    }

    public boolean paired() {
        return neutrals != null;
    }

    public Shape imageShape() {
        return new Shape(labels.length, channels, size, size);
    }

    /** {@code [targets]} or {@code [targets, neutrals]}. */
    public NDList toInputs(NDManager manager, boolean withNeutrals) {
        NDArray t = upload(manager, targets, imageShape());
        if (!withNeutrals) {
            return new NDList(t);
        }
        if (neutrals == null) {
            throw new IllegalArgumentException("this model needs neutral references but the batch has none");
        }
        return new NDList(t, upload(manager, neutrals, imageShape()));
    }

    /** One staging buffer per thread, grown to the largest batch seen and reused. */
    private static final ThreadLocal<ByteBuffer> STAGING = new ThreadLocal<>();

    /**
     * Copies host floats into an array that the engine owns. {@code manager.create(float[])} would wrap a
     * fresh direct buffer per batch that only the garbage collector frees, so resident memory grew by
     * every batch until the next collection (GiBs at 224 px); here the floats pass through one reused
     * staging buffer and are cloned into memory that closing the step's manager frees at once.
     */
    static NDArray upload(NDManager manager, float[] data, Shape shape) {
        int bytes = data.length * Float.BYTES;
        ByteBuffer buf = STAGING.get();
        if (buf == null || buf.capacity() < bytes) {
            buf = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            STAGING.set(buf);
        }
        buf.clear();
        buf.asFloatBuffer().put(data);
        buf.limit(bytes);
        try (NDArray view = manager.create(buf.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32)) {
            return view.duplicate();
        }
    }

    public NDArray labelArray(NDManager manager) {
        return manager.create(labels);
    }

    /** The per-sample loss weights, or null when the batch is unweighted. */
    public NDArray weightArray(NDManager manager) {
        return weights == null ? null : manager.create(weights);
    }
}
