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

/**
 * SPNDL with a neutral reference [B §3.2]: targets and their neutral references pass through one
 * shared ResNet-18 <em>as one batch of 2B images</em>, so every BatchNorm computes its statistics
 * jointly over both (paired normalisation); the classifier sees NDF = v_t − v_r. An identical pair
 * therefore yields an NDF of exactly zero.
 */
public final class NeutralDisentangledFeatures extends ExpressionNetwork {
    private final Backbone backbone;
    private final Linear fc;

    public NeutralDisentangledFeatures(double width, int classes) {
        this(BackboneKind.RESNET18, width, classes);
    }

    public NeutralDisentangledFeatures(BackboneKind kind, double width, int classes) {
        backbone = addChildBlock("backbone", kind.create(width));
        fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        requirePair(inputs);
        NDArray targets = inputs.get(0);
        long b = targets.getShape().get(0);
        NDArray joint = targets.concat(inputs.get(1), 0);
        NDArray v = backbone.forward(ps, new NDList(joint), training).singletonOrThrow();
        NDArray ndf = v.get("0:" + b).sub(v.get(b + ":"));
        NDArray logits = fc.forward(ps, new NDList(ndf), training).singletonOrThrow();
        return new NDList(logits, ndf);
    }

    private static void requirePair(NDList inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("SPNDL needs [targets, neutral references]; got " + inputs.size()
                    + " input(s). Give each image its subject's neutral reference (--neutral).");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape f = backbone.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        return new Shape[] {fc.getOutputShapes(new Shape[] {f})[0], f};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        backbone.initialize(manager, dataType, new Shape(s.get(0) * 2, s.get(1), s.get(2), s.get(3)));
        fc.initialize(manager, dataType, backbone.getOutputShapes(new Shape[] {s}));
    }

    @Override
    public boolean needsNeutral() {
        return true;
    }

    /** In inference mode BatchNorm uses running statistics, so the joint batch only saves calls. */
    @Override
    public Optional<FoldedNetwork> foldBatchNorm(NDManager manager) {
        if (!(backbone instanceof ResNet18 r)) {
            return Optional.empty();
        }
        FoldedResNet18 f = r.fold(manager);
        FoldedNetwork.Head head = FoldedNetwork.Head.of(manager, fc);
        return Optional.of(inputs -> {
            requirePair(inputs);
            long b = inputs.get(0).getShape().get(0);
            NDArray v = f.forward(inputs.get(0).concat(inputs.get(1), 0));
            return head.logitsAnd(v.get("0:" + b).sub(v.get(b + ":")));
        });
    }

    @Override
    public Map<String, ResNet18> backbones() {
        return backbone instanceof ResNet18 r ? Map.of("backbone", r) : Map.of();
    }

    @Override
    public Map<String, Backbone> trunks() {
        return Map.of("backbone", backbone);
    }
}
