package org.fer4j.vision.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * face-api's {@code denseBlock4}: a stride-2 entry convolution (a plain 3×3 in the first block, separable
 * elsewhere) and three separable convolutions, each fed the ReLU of the sum of all earlier outputs.
 */
final class DenseBlock4 extends AbstractBlock {
    private final Block conv0;
    private final SeparableConv conv1;
    private final SeparableConv conv2;
    private final SeparableConv conv3;

    DenseBlock4(int inChannels, int channels, boolean first) {
        super((byte) 1);
        conv0 = addChildBlock("conv0", first ? new SameConv(channels, 3, 2, 1, true) : new SeparableConv(inChannels, channels, 2));
        conv1 = addChildBlock("conv1", new SeparableConv(channels, channels, 1));
        conv2 = addChildBlock("conv2", new SeparableConv(channels, channels, 1));
        conv3 = addChildBlock("conv3", new SeparableConv(channels, channels, 1));
    }

    Block conv0() {
        return conv0;
    }

    SeparableConv conv(int i) {
        return switch (i) {
            case 1 -> conv1;
            case 2 -> conv2;
            case 3 -> conv3;
            default -> throw new IllegalArgumentException("separable conv index " + i);
        };
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray out1 = Activation.relu(conv0.forward(ps, inputs, training).singletonOrThrow());
        NDArray out2 = conv1.forward(ps, new NDList(out1), training).singletonOrThrow();
        NDArray s12 = out1.add(out2);
        NDArray out3 = conv2.forward(ps, new NDList(Activation.relu(s12)), training).singletonOrThrow();
        NDArray s123 = s12.add(out3);
        NDArray out4 = conv3.forward(ps, new NDList(Activation.relu(s123)), training).singletonOrThrow();
        return new NDList(Activation.relu(s123.add(out4)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv0.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv0.initialize(manager, dataType, inputShapes);
        Shape[] s = conv0.getOutputShapes(inputShapes);
        conv1.initialize(manager, dataType, s);
        conv2.initialize(manager, dataType, s);
        conv3.initialize(manager, dataType, s);
    }
}
