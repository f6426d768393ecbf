package org.fer4j.vision.faceapi;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * TF's {@code separableConv2d} plus bias: a depthwise 3×3 ("same", channel multiplier 1, no bias) then a
 * pointwise 1×1 convolution carrying the bias, as face-api's {@code depthwiseSeparableConv}.
 */
final class SeparableConv extends AbstractBlock {
    private final SameConv depthwise;
    private final Conv2d pointwise;
    private final int filters;

    SeparableConv(int inChannels, int filters, int stride) {
        super((byte) 1);
        this.filters = filters;
        depthwise = addChildBlock("depthwise", new SameConv(inChannels, 3, stride, inChannels, false));
        pointwise = addChildBlock("pointwise", Conv2d.builder().setFilters(filters).setKernelShape(new Shape(1, 1)).build());
    }

    SameConv depthwise() {
        return depthwise;
    }

    Conv2d pointwise() {
        return pointwise;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList d = depthwise.forward(ps, inputs, training);
        NDList out = pointwise.forward(ps, d, training);
        d.close();
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = depthwise.getOutputShapes(inputShapes)[0];
        return new Shape[] {new Shape(s.get(0), filters, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        depthwise.initialize(manager, dataType, inputShapes);
        pointwise.initialize(manager, dataType, depthwise.getOutputShapes(inputShapes));
    }
}
