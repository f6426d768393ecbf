package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's {@link Conv2d} (same parameters, same saved format) that honours an open {@link Autocast}:
 * input and weight are cast to the reduced type for the convolution, the weight itself stays fp32.
 */
final class AutocastConv2d extends Conv2d {

    AutocastConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (Autocast.lowType() == null) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        NDArray x = inputs.singletonOrThrow();
        NDArray w = Autocast.cast(ps.getValue(weight, x.getDevice(), training));
        NDArray b = includeBias ? Autocast.cast(ps.getValue(bias, x.getDevice(), training)) : null;
        return Conv2d.conv2d(Autocast.cast(x), w, b, stride, padding, dilation, groups);
    }
}
