package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adversarial disentangled expression representations [A] (METHODS.md §6): a shared ResNet-18 encoder
 * gives h; an expression branch maps h to z_e and a non-expression branch maps h to z_n (two-layer
 * MLPs, a choice); the expression classifier C_e reads z_e, the adversary C_n tries to read the
 * expression from z_n, and the decoder D reconstructs the input from [z_e, z_n].
 *
 * <p>C_n is an MLP (so it can read more than a linear probe) on z_n <em>standardised per feature over
 * the batch</em> (a choice): without it the encoder can satisfy the adversary by shrinking z_n, which
 * hides the expression from C_n's fixed-scale weights while a standardising probe still reads it.
 *
 * <p>Outputs follow the {@link ExpressionNetwork} contract: {@code [logits, z_e, adversary logits, z_n]}.
 * The decoder is not run by {@code forward}; {@link #reconstruct} runs it when the training step needs
 * it (β1 &gt; 0) or a report draws reconstructions. The training step calls the pieces directly because
 * the adversarial game needs z_n both with and without its gradient.
 */
public final class AdversarialNetwork extends ExpressionNetwork {
    /** Parameter-name prefix of the adversary C_n: the parameters its own optimizer updates. */
    public static final String ADVERSARY = "adversary";
    /** Parameter-name prefix of the decoder D. */
    public static final String DECODER = "decoder";

    private final ResNet18 encoder;
    private final Mlp expressionBranch;
    private final Mlp nonExpressionBranch;
    private final Linear classifier;
    private final Mlp adversary;
    private final ImageDecoder decoder;

    public AdversarialNetwork(double width, int classes, int zSize, int channels, int imageSize) {
        encoder = addChildBlock("encoder", new ResNet18(width));
        int h = encoder.featureSize();
        expressionBranch = addChildBlock("expression_branch", new Mlp(Math.max(h, zSize), zSize));
        nonExpressionBranch = addChildBlock("non_expression_branch", new Mlp(Math.max(h, zSize), zSize));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(classes).build());
        adversary = addChildBlock(ADVERSARY, new Mlp(zSize, classes, true));
        decoder = addChildBlock(DECODER, new ImageDecoder(width, channels, imageSize));
    }

    /** Builds the network a spec describes. */
    public static AdversarialNetwork of(ModelSpec spec) {
        return new AdversarialNetwork(spec.width(), spec.labels().size(), AdversarialConfig.of(spec).zSize(),
                spec.preprocessing().channels(), spec.preprocessing().size());
    }

    /** The two representations of a batch of images: {@code [z_e, z_n]}. */
    public NDList encode(ParameterStore ps, NDArray images, boolean training) {
        NDList h = encoder.forward(ps, new NDList(images), training);
        return new NDList(expressionBranch.forward(ps, h, training).singletonOrThrow(),
                nonExpressionBranch.forward(ps, h, training).singletonOrThrow());
    }

    /** C_e: expression logits from z_e. */
    public NDArray classify(ParameterStore ps, NDArray zE, boolean training) {
        return classifier.forward(ps, new NDList(zE), training).singletonOrThrow();
    }

    /** C_n: the adversary's expression logits from z_n. */
    public NDArray adversary(ParameterStore ps, NDArray zN, boolean training) {
        return adversary.forward(ps, new NDList(zN), training).singletonOrThrow();
    }

    /** D: the reconstructed (normalised) image from [z_e, z_n]. */
    public NDArray reconstruct(ParameterStore ps, NDArray zE, NDArray zN, boolean training) {
        return decoder.forward(ps, new NDList(zE.concat(zN, 1)), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList z = encode(ps, inputs.get(0), training);
        return new NDList(classify(ps, z.get(0), training), z.get(0), adversary(ps, z.get(1), training), z.get(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape h = encoder.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        Shape z = expressionBranch.getOutputShapes(new Shape[] {h})[0];
        Shape logits = classifier.getOutputShapes(new Shape[] {z})[0];
        return new Shape[] {logits, z, logits, z};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0]);
        Shape h = encoder.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        expressionBranch.initialize(manager, dataType, h);
        nonExpressionBranch.initialize(manager, dataType, h);
        Shape z = expressionBranch.getOutputShapes(new Shape[] {h})[0];
        classifier.initialize(manager, dataType, z);
        adversary.initialize(manager, dataType, z);
        decoder.initialize(manager, dataType, new Shape(z.get(0), 2 * z.get(1)));
    }

    @Override
    public boolean needsNeutral() {
        return false;
    }

    @Override
    public Map<String, ResNet18> backbones() {
        return Map.of("encoder", encoder);
    }

    @Override
    public Map<String, Integer> representations() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("z_e", 1);
        m.put("z_n", 3);
        return m;
    }
}
