package org.fer4j.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Linear → ReLU → Linear, with children named {@code 0} and {@code 2} as PyTorch's {@code nn.Sequential}
 * names them (DJL's {@code SequentialBlock} would name both linear layers alike, colliding in
 * {@link ResNet18#torchvisionParameters}). Optionally the input is first standardised per feature
 * (BatchNorm without scale or shift, child {@code norm}), which makes the MLP blind to the input's scale.
 */
final class Mlp extends AbstractBlock {
    private final BatchNorm norm;
    private final Linear hidden;
    private final Linear out;

    Mlp(int hiddenUnits, int outUnits) {
        this(hiddenUnits, outUnits, false);
    }

    Mlp(int hiddenUnits, int outUnits, boolean standardiseInput) {
        norm = standardiseInput ? addChildBlock("norm", BatchNorm.builder().optCenter(false).optScale(false)
                .optEpsilon(1e-5f).optMomentum(0.9f).build()) : null;
        hidden = addChildBlock("0", Linear.builder().setUnits(hiddenUnits).build());
        out = addChildBlock("2", Linear.builder().setUnits(outUnits).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = norm == null ? inputs : norm.forward(ps, inputs, training);
        NDList h = new NDList(Activation.relu(hidden.forward(ps, x, training).singletonOrThrow()));
        return out.forward(ps, h, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return out.getOutputShapes(hidden.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (norm != null) {
            norm.initialize(manager, dataType, inputShapes);
        }
        hidden.initialize(manager, dataType, inputShapes);
        out.initialize(manager, dataType, hidden.getOutputShapes(inputShapes));
    }
}
