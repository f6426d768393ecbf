package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * ResNet-18 for inference with BatchNorm folded into the convolutions: each conv + BN pair becomes one
 * convolution with weight W·γ/√(σ²+ε) and bias β − μ·γ/√(σ²+ε), which removes twenty passes over the
 * activations and their calls. Built by {@link ResNet18#fold}; the folding is done in double precision
 * on the engine, so the only extra memory is the folded weights themselves.
 */
public final class FoldedResNet18 {
    private final FoldedConv stem;
    private final List<Block> blocks;

    FoldedResNet18(FoldedConv stem, List<Block> blocks) {
        this.stem = stem;
        this.blocks = List.copyOf(blocks);
    }

    /** Pooled features (B × featureSize), fp32, as {@link ResNet18} returns them in inference mode. */
    public NDArray forward(NDArray x) {
        NDArray y = Activation.relu(stem.apply(x));
        y = Pool.maxPool2d(y, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        for (Block b : blocks) {
            NDArray shortcut = b.downsample() == null ? y : b.downsample().apply(y);
            NDArray z = b.conv2().apply(Activation.relu(b.conv1().apply(y)));
            y = Activation.relu(z.addi(shortcut));
        }
        NDArray pooled = Pool.globalAvgPool2d(y);
        return pooled.reshape(pooled.getShape().get(0), -1);
    }

    /** One BasicBlock: two folded convolutions and, where it projects, the folded 1×1 shortcut. */
    record Block(FoldedConv conv1, FoldedConv conv2, FoldedConv downsample) {
    }

    /** A convolution with its BatchNorm folded in. */
    record FoldedConv(NDArray weight, NDArray bias, Shape stride, Shape padding) {

        NDArray apply(NDArray x) {
            return Conv2d.conv2d(x, weight, bias, stride, padding).singletonOrThrow();
        }

        /** Folds in float64 on the engine (no host copies of the weights); the result lives in {@code manager}. */
        static FoldedConv of(NDManager manager, Conv2d conv, BatchNorm bn) {
            var p = bn.getParameters();
            try (NDScope scope = new NDScope()) {
                NDArray scale = f64(p.get("gamma")).div(f64(p.get("runningVar")).add(ResNet18.BN_EPSILON).sqrt());
                NDArray w = f64(conv.getParameters().get("weight")).mul(scale.reshape(-1, 1, 1, 1))
                        .toType(DataType.FLOAT32, false);
                NDArray b = f64(p.get("beta")).sub(f64(p.get("runningMean")).mul(scale)).toType(DataType.FLOAT32, false);
                NDScope.unregister(w, b);
                w.attach(manager);
                b.attach(manager);
                return new FoldedConv(w, b, conv.getStride(), conv.getPadding());
            }
        }

        private static NDArray f64(Parameter p) {
            return p.getArray().toType(DataType.FLOAT64, true);
        }
    }
}
