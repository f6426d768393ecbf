package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 * activations and their calls. Built by {@link ResNet18#fold}; the folding is done in double precision.
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

        static FoldedConv of(NDManager manager, Conv2d conv, BatchNorm bn) {
            var p = bn.getParameters();
            float[] w = conv.getParameters().get("weight").getArray().toFloatArray();
            float[] gamma = array(p.get("gamma"));
            float[] beta = array(p.get("beta"));
            float[] mean = array(p.get("runningMean"));
            float[] var = array(p.get("runningVar"));
            int out = gamma.length;
            int per = w.length / out;
            float[] fw = new float[w.length];
            float[] fb = new float[out];
            for (int c = 0; c < out; c++) {
                double scale = gamma[c] / Math.sqrt((double) var[c] + ResNet18.BN_EPSILON);
                for (int i = 0; i < per; i++) {
                    fw[c * per + i] = (float) (w[c * per + i] * scale);
                }
                fb[c] = (float) (beta[c] - mean[c] * scale);
            }
            Shape shape = conv.getParameters().get("weight").getArray().getShape();
            return new FoldedConv(manager.create(fw, shape), manager.create(fb), conv.getStride(), conv.getPadding());
        }

        private static float[] array(Parameter p) {
            return p.getArray().toFloatArray();
        }
    }
}
