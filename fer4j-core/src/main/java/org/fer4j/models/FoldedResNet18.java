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

    /**
     * Pooled features (B × featureSize) as {@link ResNet18} returns them in inference mode; each
     * intermediate is closed as soon as it has been used, so only a few activations are alive at once.
     */
    public NDArray forward(NDArray x) {
        NDArray c = stem.apply(x);
        NDArray r = ResNet18.release(Activation.relu(c), c);
        NDArray y = ResNet18.release(Pool.maxPool2d(r, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false), r);
        for (Block b : blocks) {
            NDArray c1 = b.conv1().apply(y);
            NDArray r1 = ResNet18.release(Activation.relu(c1), c1);
            NDArray z = ResNet18.release(b.conv2().apply(r1), r1);
            if (b.downsample() == null) {
                z.addi(y);
            } else {
                NDArray shortcut = b.downsample().apply(y);
                z.addi(shortcut);
                shortcut.close();
            }
            y.close();
            y = ResNet18.release(Activation.relu(z), z);
        }
        NDArray pooled = ResNet18.release(Pool.globalAvgPool2d(y), y);
        return ResNet18.release(pooled.reshape(pooled.getShape().get(0), -1), pooled);
    }

    /** The folded 7×7 stem convolution (followed by ReLU and the 3×3/2 max-pool). */
    public FoldedConv stem() {
        return stem;
    }

    /**
     * The eight BasicBlocks in order: each is conv1, ReLU, conv2, plus the input (or its folded 1×1
     * projection), ReLU. An exporter writes the same graph from these.
     */
    public List<Block> blocks() {
        return blocks;
    }

    /** One BasicBlock: two folded convolutions and, where it projects, the folded 1×1 shortcut (else null). */
    public record Block(FoldedConv conv1, FoldedConv conv2, FoldedConv downsample) {
    }

    /** A convolution with its BatchNorm folded in: weight (out × in × k × k) and bias (out). */
    public record FoldedConv(NDArray weight, NDArray bias, Shape stride, Shape padding) {

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
