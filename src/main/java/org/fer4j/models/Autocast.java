package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A per-thread mixed-precision scope, like {@code torch.autocast}: while one is open on a thread,
 * fer4j's convolutions cast their input and a copy of their fp32 weight to the reduced type (the cast
 * is differentiable, so gradients reach the fp32 master weights). Precision is a choice of how to run
 * a model, not a property of the saved model, hence a scope rather than a {@link ModelSpec} option.
 *
 * <pre>{@code try (Autocast a = Autocast.open(Precision.BF16)) { model.forward(...); }}</pre>
 */
public final class Autocast implements AutoCloseable {
    private static final ThreadLocal<DataType> LOW = new ThreadLocal<>();
    private final DataType previous;
    private boolean closed;

    private Autocast(DataType low) {
        previous = LOW.get();
        LOW.set(low);
    }

    /** Opens a scope on the calling thread; {@link Precision#FP32} opens one that turns autocast off. */
    public static Autocast open(Precision precision) {
        return new Autocast(precision.lowType());
    }

    /** The reduced type in force on this thread, or {@code null}. */
    public static DataType lowType() {
        return LOW.get();
    }

    /** {@code x} in the reduced type in force, or {@code x} itself when none is or it already has it. */
    static NDArray cast(NDArray x) {
        DataType low = LOW.get();
        return low == null || x.getDataType() == low ? x : x.toType(low, false);
    }

    /** Back to fp32 (features leave the backbone in fp32 whatever ran inside). */
    static NDArray toFloat32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (previous == null) {
                LOW.remove();
            } else {
                LOW.set(previous);
            }
        }
    }
}
