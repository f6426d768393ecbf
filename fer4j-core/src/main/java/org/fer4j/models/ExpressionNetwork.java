package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.Optional;

/**
 * The contract every fer4j network keeps: inputs are {@code [targets]} or, for paired models,
 * {@code [targets, neutrals]}; outputs start with {@code [logits, features]} (features: the NDF, z_e,
 * or the pooled vector) and may carry more named heads after them.
 */
public abstract class ExpressionNetwork extends AbstractBlock {

    /** Whether the second input (neutral references) is required. */
    public abstract boolean needsNeutral();

    /**
     * Parameters under stable dotted names (torchvision names under each backbone's prefix): the keys
     * that optimizer state, checkpoints and pretrained weights are matched by.
     */
    public Map<String, Parameter> namedParameters() {
        return ResNet18.torchvisionParameters(this, "");
    }

    /** The ResNet-18 backbones, by prefix (empty when the network is built on another {@link Backbone}). */
    public abstract Map<String, ResNet18> backbones();

    /**
     * Every backbone, by prefix, whatever its kind: what pretrained weights are loaded into. By default the
     * ResNet-18 ones; networks that can be built on a {@link BackboneKind} override it.
     */
    public Map<String, Backbone> trunks() {
        return new java.util.LinkedHashMap<>(backbones());
    }

    /** Shapes of the inputs for a batch of {@code batch} images of {@code channels×size×size}. */
    public Shape[] inputShapes(long batch, int channels, int size) {
        Shape s = new Shape(batch, channels, size, size);
        return needsNeutral() ? new Shape[] {s, s} : new Shape[] {s};
    }

    /** Hook run once after initialisation (e.g. to copy and perturb a second backbone). */
    public void afterInitialization(NDManager manager, long seed) {
    }

    /**
     * The learned representations a disentanglement probe may read, by name, as indices into the
     * outputs: by default the features at index 1; the adversarial model names z_e and z_n.
     */
    public Map<String, Integer> representations() {
        return Map.of("features", 1);
    }

    /**
     * An inference-only form with BatchNorm folded into the convolutions, from the current weights; empty
     * where the network has none (inference then uses {@code forward(…, false)}).
     */
    public Optional<FoldedNetwork> foldBatchNorm(NDManager manager) {
        return Optional.empty();
    }

    /** Convenience: forward returning logits only. */
    public NDArray logits(ParameterStore ps, NDList inputs, boolean training) {
        return forward(ps, inputs, training).get(0);
    }
}
