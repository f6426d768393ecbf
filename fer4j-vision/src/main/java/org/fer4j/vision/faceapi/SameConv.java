package org.fer4j.vision.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A square 2-D convolution with TensorFlow's {@code "same"} padding. TF pads {@code total = max((out-1)·s
 * + k - in, 0)} with the smaller half before, so a stride-2 3×3 convolution on an even size pads 0 before
 * and 1 after, which PyTorch's symmetric padding cannot express: the input is padded explicitly.
 */
final class SameConv extends AbstractBlock {
    private final int kernel;
    private final int stride;
    private final int filters;
    private final Conv2d conv;

    SameConv(int filters, int kernel, int stride, int groups, boolean bias) {
        super((byte) 1);
        this.kernel = kernel;
        this.stride = stride;
        this.filters = filters;
        this.conv = addChildBlock("conv", Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(0, 0)).optGroups(groups).optBias(bias).build());
    }

    Conv2d conv() {
        return conv;
    }

    private static long out(long in, int s) {
        return (in + s - 1) / s;
    }

    private long[] pads(long in) {
        long total = Math.max((out(in, stride) - 1) * stride + kernel - in, 0);
        return new long[] {total / 2, total - total / 2};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long[] ph = pads(x.getShape().get(2));
        long[] pw = pads(x.getShape().get(3));
        if (ph[0] + ph[1] + pw[0] + pw[1] == 0) {
            return conv.forward(ps, inputs, training);
        }
        // DJL's pad, like torch's, lists (before, after) pairs from the last axis backwards.
        NDArray padded = x.pad(new Shape(pw[0], pw[1], ph[0], ph[1]), 0);
        NDList out = conv.forward(ps, new NDList(padded), training);
        padded.close();
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), filters, out(s.get(2), stride), out(s.get(3), stride))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long[] ph = pads(s.get(2));
        long[] pw = pads(s.get(3));
        conv.initialize(manager, dataType, new Shape(s.get(0), s.get(1), s.get(2) + ph[0] + ph[1], s.get(3) + pw[0] + pw[1]));
    }
}
