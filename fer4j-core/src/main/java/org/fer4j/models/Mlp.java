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
import java.util.ArrayList;
import java.util.List;

/**
 * Linear → ReLU → Linear (or any number of hidden layers, also none), with children named {@code 0},
 * {@code 2}, {@code 4} … as PyTorch's {@code nn.Sequential} names them (DJL's {@code SequentialBlock}
 * would name the linear layers alike, colliding in {@link ResNet18#torchvisionParameters}). Optionally
 * the input is first standardised per feature (BatchNorm without scale or shift, child {@code norm}),
 * which makes the MLP blind to the input's scale.
 */
final class Mlp extends AbstractBlock {
    private final BatchNorm norm;
    private final List<Linear> layers = new ArrayList<>();

    Mlp(int hiddenUnits, int outUnits) {
        this(hiddenUnits, outUnits, false);
    }

    Mlp(int hiddenUnits, int outUnits, boolean standardiseInput) {
        this(hiddenUnits, 1, outUnits, standardiseInput);
    }

    /** @param hiddenLayers hidden ReLU layers of {@code hiddenUnits} each; 0 = one linear layer */
    Mlp(int hiddenUnits, int hiddenLayers, int outUnits, boolean standardiseInput) {
        if (hiddenLayers < 0) {
            throw new IllegalArgumentException("hidden layers must be >= 0, got " + hiddenLayers);
        }
        norm = standardiseInput ? addChildBlock("norm", BatchNorm.builder().optCenter(false).optScale(false)
                .optEpsilon(1e-5f).optMomentum(0.9f).build()) : null;
        for (int i = 0; i <= hiddenLayers; i++) {
            int units = i < hiddenLayers ? hiddenUnits : outUnits;
            layers.add(addChildBlock(Integer.toString(2 * i), Linear.builder().setUnits(units).build()));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = norm == null ? inputs : norm.forward(ps, inputs, training);
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(ps, x, training);
            if (i < layers.size() - 1) {
                x = new NDList(Activation.relu(x.singletonOrThrow()));
            }
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] s = inputShapes;
        for (Linear l : layers) {
            s = l.getOutputShapes(s);
        }
        return s;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (norm != null) {
            norm.initialize(manager, dataType, inputShapes);
        }
        Shape[] s = inputShapes;
        for (Linear l : layers) {
            l.initialize(manager, dataType, s);
            s = l.getOutputShapes(s);
        }
    }
}
