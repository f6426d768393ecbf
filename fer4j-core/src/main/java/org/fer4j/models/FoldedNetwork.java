package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;

/**
 * An inference-only form of an {@link ExpressionNetwork} with BatchNorm folded into the convolutions
 * (see {@link FoldedResNet18}). Same inputs and outputs as the network's forward in inference mode:
 * {@code [targets]} or {@code [targets, neutrals]} in, {@code [logits, features]} out. A snapshot: it
 * does not follow later changes of the network's weights.
 */
public interface FoldedNetwork {

    NDList forward(NDList inputs);

    /** The linear classifier, copied. */
    record Head(NDArray weight, NDArray bias) {
        static Head of(NDManager manager, Linear fc) {
            NDArray w = fc.getParameters().get("weight").getArray();
            NDArray b = fc.getParameters().get("bias").getArray();
            return new Head(manager.create(w.toFloatArray(), w.getShape()), manager.create(b.toFloatArray(), b.getShape()));
        }

        NDList logitsAnd(NDArray features) {
            return new NDList(Linear.linear(features, weight, bias).singletonOrThrow(), features);
        }
    }
}
