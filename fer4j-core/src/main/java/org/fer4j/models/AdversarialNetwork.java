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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adversarial disentangled expression representations [A] (METHODS.md §6): a shared ResNet-18 encoder
 * gives h; an expression branch maps h to z_e and a non-expression branch maps h to z_n (two-layer
 * MLPs, a choice); the expression classifier C_e reads z_e, the adversary C_n tries to read the
 * expression from z_n, and the decoder D reconstructs the input from [z_e, z_n].
 *
 * <p>C_n is by default an MLP (so it can read more than a linear probe) on z_n <em>standardised per
 * feature over the batch</em> (a choice): without it the encoder can satisfy the adversary by shrinking
 * z_n, which hides the expression from C_n's fixed-scale weights while a standardising probe still reads
 * it. {@link AdversarialConfig.Adversaries} makes it an ensemble of {@code count} adversaries (children
 * {@code adversary}, {@code adversary_1}, …), linear or deeper, on raw or standardised z_n.
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
    private final List<Mlp> adversaries = new ArrayList<>();
    private final ImageDecoder decoder;

    public AdversarialNetwork(double width, int classes, int zSize, int channels, int imageSize) {
        this(width, classes, new AdversarialConfig(zSize, 0, 1, AdversarialConfig.Mode.CONFUSION, 1, 1), channels, imageSize);
    }

    public AdversarialNetwork(double width, int classes, AdversarialConfig config, int channels, int imageSize) {
        int zSize = config.zSize();
        AdversarialConfig.Adversaries a = config.adversaries();
        encoder = addChildBlock("encoder", new ResNet18(width));
        int h = encoder.featureSize();
        expressionBranch = addChildBlock("expression_branch", new Mlp(Math.max(h, zSize), zSize));
        nonExpressionBranch = addChildBlock("non_expression_branch", new Mlp(Math.max(h, zSize), zSize));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(classes).build());
        for (int k = 0; k < a.count(); k++) {
            adversaries.add(addChildBlock(adversaryName(k),
                    new Mlp(zSize, a.architecture().hiddenLayers(), classes, a.standardised())));
        }
        decoder = addChildBlock(DECODER, new ImageDecoder(width, channels, imageSize));
    }

    /** Builds the network a spec describes. */
    public static AdversarialNetwork of(ModelSpec spec) {
        return new AdversarialNetwork(spec.width(), spec.labels().size(), AdversarialConfig.of(spec),
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

    /** C_n: the (first) adversary's expression logits from z_n. */
    public NDArray adversary(ParameterStore ps, NDArray zN, boolean training) {
        return adversary(0, ps, zN, training);
    }

    /** Adversary {@code k}'s expression logits from z_n. */
    public NDArray adversary(int k, ParameterStore ps, NDArray zN, boolean training) {
        return adversaries.get(k).forward(ps, new NDList(zN), training).singletonOrThrow();
    }

    /** How many adversaries read z_n. */
    public int adversaryCount() {
        return adversaries.size();
    }

    /** The child name of adversary {@code k}: {@code adversary} for the first (as before ensembles), then {@code adversary_k}. */
    public static String adversaryName(int k) {
        return k == 0 ? ADVERSARY : ADVERSARY + "_" + k;
    }

    /** Which adversary a parameter (by its name in {@code namedParameters}) belongs to, or -1 for none. */
    public static int adversaryOf(String parameterName) {
        if (parameterName.startsWith(ADVERSARY + ".")) {
            return 0;
        }
        if (parameterName.startsWith(ADVERSARY + "_")) {
            int dot = parameterName.indexOf('.');
            try {
                return Integer.parseInt(parameterName.substring(ADVERSARY.length() + 1, dot < 0 ? parameterName.length() : dot));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
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
        for (Mlp a : adversaries) {
            a.initialize(manager, dataType, z);
        }
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
