package org.fer4j.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Linear → ReLU → Linear, with children named {@code 0} and {@code 2} as PyTorch's {@code nn.Sequential}
 * names them (DJL's {@code SequentialBlock} would name both linear layers alike, colliding in
 * {@link ResNet18#torchvisionParameters}).
 */
final class Mlp extends AbstractBlock {
    private final Linear hidden;
    private final Linear out;

    Mlp(int hiddenUnits, int outUnits) {
        hidden = addChildBlock("0", Linear.builder().setUnits(hiddenUnits).build());
        out = addChildBlock("2", Linear.builder().setUnits(outUnits).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList h = new NDList(Activation.relu(hidden.forward(ps, inputs, training).singletonOrThrow()));
        return out.forward(ps, h, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return out.getOutputShapes(hidden.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        hidden.initialize(manager, dataType, inputShapes);
        out.initialize(manager, dataType, hidden.getOutputShapes(inputShapes));
    }
}
