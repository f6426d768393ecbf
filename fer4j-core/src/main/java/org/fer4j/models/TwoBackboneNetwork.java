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
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * SPNDL without a neutral image [B eq. 8]: an expression backbone f_e and a neutral backbone f_n of
 * the same architecture, NDF = f_e(x) − f_n(x). Both start from the same weights: pretrained ones
 * ({@code --pretrained}) are loaded into both. When training from scratch f_n additionally gets small
 * independent Gaussian noise ({@code nn.init.noise} × each tensor's standard deviation, default 0.05)
 * so the NDF does not start at exactly zero (METHODS.md §3 choice). With pretrained weights the noise
 * defaults to 0, as in [B]: the NDF starts at zero but training still moves, because the classifier's
 * gradient reaches f_e and f_n with opposite signs and pulls them apart from the first step.
 */
public final class TwoBackboneNetwork extends ExpressionNetwork {
    /** Option key: relative noise added to f_n's weights after copying f_e's (0 disables). */
    public static final String INIT_NOISE = "nn.init.noise";

    private final Backbone expression;
    private final Backbone neutral;
    private final Linear fc;
    private final double initNoise;

    public TwoBackboneNetwork(double width, int classes, double initNoise) {
        this(BackboneKind.RESNET18, width, classes, initNoise);
    }

    public TwoBackboneNetwork(BackboneKind kind, double width, int classes, double initNoise) {
        if (!(initNoise >= 0)) {
            throw new IllegalArgumentException(INIT_NOISE + " must be >= 0, got " + initNoise);
        }
        this.initNoise = initNoise;
        expression = addChildBlock("expression", kind.create(width));
        neutral = addChildBlock("neutral", kind.create(width));
        fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = new NDList(inputs.get(0));
        NDArray fe = expression.forward(ps, x, training).singletonOrThrow();
        NDArray fn = neutral.forward(ps, x, training).singletonOrThrow();
        NDArray ndf = fe.sub(fn);
        return new NDList(fc.forward(ps, new NDList(ndf), training).singletonOrThrow(), ndf);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape f = expression.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        return new Shape[] {fc.getOutputShapes(new Shape[] {f})[0], f};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        expression.initialize(manager, dataType, inputShapes[0]);
        neutral.initialize(manager, dataType, inputShapes[0]);
        fc.initialize(manager, dataType, expression.getOutputShapes(new Shape[] {inputShapes[0]}));
    }

    /** Copies f_e into f_n, then perturbs f_n's learnable weights (not BN running statistics). */
    @Override
    public void afterInitialization(NDManager manager, long seed) {
        copyExpressionIntoNeutral(manager, seed);
    }

    /** Makes f_n equal to f_e plus the configured noise; also used after loading pretrained weights. */
    public void copyExpressionIntoNeutral(NDManager manager, long seed) {
        Map<String, Parameter> e = expression.namedParameters();
        Map<String, Parameter> n = neutral.namedParameters();
        Random rng = new Random(seed ^ 0x5EEDL);
        for (var entry : e.entrySet()) {
            NDArray src = entry.getValue().getArray();
            NDArray dst = n.get(entry.getKey()).getArray();
            float[] values = src.toFloatArray();
            boolean learnable = !expression.isStatistic(entry.getKey());
            if (learnable && initNoise > 0 && values.length > 1) {
                double mean = 0, sq = 0;
                for (float v : values) {
                    mean += v;
                    sq += v * v;
                }
                mean /= values.length;
                double std = Math.sqrt(Math.max(0, sq / values.length - mean * mean));
                double sigma = initNoise * (std > 0 ? std : 1e-3);
                for (int i = 0; i < values.length; i++) {
                    values[i] += (float) (rng.nextGaussian() * sigma);
                }
            }
            dst.set(values);
        }
    }

    @Override
    public boolean needsNeutral() {
        return false;
    }

    @Override
    public Optional<FoldedNetwork> foldBatchNorm(NDManager manager) {
        if (!(expression instanceof ResNet18 re) || !(neutral instanceof ResNet18 rn)) {
            return Optional.empty();
        }
        FoldedResNet18 fe = re.fold(manager);
        FoldedResNet18 fn = rn.fold(manager);
        FoldedNetwork.Head head = FoldedNetwork.Head.of(manager, fc);
        return Optional.of(inputs -> head.logitsAnd(fe.forward(inputs.get(0)).sub(fn.forward(inputs.get(0)))));
    }

    @Override
    public Map<String, ResNet18> backbones() {
        return expression instanceof ResNet18 re && neutral instanceof ResNet18 rn
                ? Map.of("expression", re, "neutral", rn) : Map.of();
    }

    @Override
    public Map<String, Backbone> trunks() {
        return Map.of("expression", expression, "neutral", neutral);
    }
}
