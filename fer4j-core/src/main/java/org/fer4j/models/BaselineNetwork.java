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

/** The papers' baseline: ResNet-18 on the target image alone, a linear classifier on its features. */
public final class BaselineNetwork extends ExpressionNetwork {
    private final Backbone backbone;
    private final Linear fc;

    public BaselineNetwork(double width, int classes) {
        this(BackboneKind.RESNET18, width, classes);
    }

    public BaselineNetwork(BackboneKind kind, double width, int classes) {
        backbone = addChildBlock("backbone", kind.create(width));
        fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = backbone.forward(ps, new NDList(inputs.get(0)), training).singletonOrThrow();
        NDArray logits = fc.forward(ps, new NDList(features), training).singletonOrThrow();
        return new NDList(logits, features);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape f = backbone.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        return new Shape[] {fc.getOutputShapes(new Shape[] {f})[0], f};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes[0]);
        fc.initialize(manager, dataType, backbone.getOutputShapes(new Shape[] {inputShapes[0]}));
    }

    @Override
    public boolean needsNeutral() {
        return false;
    }

    @Override
    public Optional<FoldedNetwork> foldBatchNorm(NDManager manager) {
        if (!(backbone instanceof ResNet18 r)) {
            return Optional.empty();
        }
        FoldedResNet18 f = r.fold(manager);
        FoldedNetwork.Head head = FoldedNetwork.Head.of(manager, fc);
        return Optional.of(inputs -> head.logitsAnd(f.forward(inputs.get(0))));
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
