package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ResNet-18 exactly as torchvision builds it (7×7/2 stem, 3×3/2 max-pool, four stages of two
 * BasicBlocks, global average pooling), returning the pooled feature vector. DJL's own
 * {@code ResNetV1} is a different network (bottleneck blocks), hence this one. Child names follow
 * torchvision so that {@link #torchvisionParameters()} yields {@code conv1.weight},
 * {@code layer1.0.bn1.running_mean}, … and exported PyTorch weights load one-to-one.
 */
public final class ResNet18 extends Backbone {
    private final int[] widths;
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Stage[] stages = new Stage[4];

    /**
     * @param widthMultiplier scales every stage's channels (1.0 = torchvision's 64/128/256/512)
     */
    public ResNet18(double widthMultiplier) {
        if (!(widthMultiplier > 0 && widthMultiplier <= 4)) {
            throw new IllegalArgumentException("width multiplier must be in (0, 4], got " + widthMultiplier);
        }
        widths = new int[4];
        for (int i = 0; i < 4; i++) {
            widths[i] = Math.max(4, (int) Math.round((64 << i) * widthMultiplier));
        }
        conv1 = addChildBlock("conv1", conv(widths[0], 7, 2, 3));
        bn1 = addChildBlock("bn1", batchNorm());
        for (int i = 0; i < 4; i++) {
            stages[i] = addChildBlock("layer" + (i + 1), new Stage(widths[i], i == 0 ? 1 : 2, i == 0 ? widths[0] : widths[i - 1]));
        }
    }

    /** Size of the pooled feature vector (512 at width 1). */
    @Override
    public int featureSize() {
        return widths[3];
    }

    static Conv2d conv(int filters, int kernel, int stride, int pad) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(false).build();
    }

    /** PyTorch's BatchNorm epsilon (also used when folding BatchNorm into the convolutions). */
    static final float BN_EPSILON = 1e-5f;

    static BatchNorm batchNorm() {
        // PyTorch's defaults: eps 1e-5, momentum 0.1 (DJL counts momentum the other way round).
        return BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(0.9f).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray c = conv1.forward(ps, inputs, training).singletonOrThrow();
        NDArray b = release(bn1.forward(ps, new NDList(c), training).singletonOrThrow(), c);
        NDArray r = release(Activation.relu(b), b);
        NDArray x = release(Pool.maxPool2d(r, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false), r);
        NDList out = new NDList(x);
        for (Stage s : stages) {
            NDList next = s.forward(ps, out, training);
            out.close();
            out = next;
        }
        NDArray pooled = release(Pool.globalAvgPool2d(out.singletonOrThrow()), out.singletonOrThrow());
        return new NDList(release(pooled.reshape(pooled.getShape().get(0), -1), pooled));
    }

    /**
     * Closes {@code used} once {@code result} has been computed from it and returns {@code result}.
     * Without this every intermediate of a forward pass lives until the caller's per-step manager
     * closes, so inference held the whole network's activations at once (PyTorch frees each as soon
     * as it is used). Safe in training too: the engine keeps its own reference to whatever autograd
     * saved for the backward pass; closing only drops fer4j's handle.
     */
    static NDArray release(NDArray result, NDArray used) {
        if (used != result) {
            used.close();
        }
        return result;
    }

    /**
     * An inference-only copy of this backbone with every BatchNorm (on its running statistics) folded
     * into the convolution before it, computed now from the current weights; its arrays live in
     * {@code manager}. Same outputs as {@code forward(…, training = false)} up to rounding.
     */
    public FoldedResNet18 fold(NDManager manager) {
        List<FoldedResNet18.Block> blocks = new ArrayList<>();
        for (Stage st : stages) {
            for (BasicBlock b : new BasicBlock[] {st.first, st.second}) {
                blocks.add(new FoldedResNet18.Block(
                        FoldedResNet18.FoldedConv.of(manager, b.conv1, b.bn1),
                        FoldedResNet18.FoldedConv.of(manager, b.conv2, b.bn2),
                        b.downsample == null ? null
                                : FoldedResNet18.FoldedConv.of(manager, b.downsample.conv, b.downsample.bn)));
            }
        }
        return new FoldedResNet18(FoldedResNet18.FoldedConv.of(manager, conv1, bn1), blocks);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), featureSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv1.initialize(manager, dataType, s);
        s = conv1.getOutputShapes(new Shape[] {s})[0];
        bn1.initialize(manager, dataType, s);
        long h = (s.get(2) + 2 - 3) / 2 + 1;
        long w = (s.get(3) + 2 - 3) / 2 + 1;
        s = new Shape(s.get(0), s.get(1), h, w);
        for (Stage st : stages) {
            st.initialize(manager, dataType, s);
            s = st.getOutputShapes(new Shape[] {s})[0];
        }
    }

    /** Parameters under torchvision's names ({@code layer2.0.downsample.1.weight}, …). */
    public Map<String, Parameter> torchvisionParameters() {
        return torchvisionParameters(this, "");
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return torchvisionParameters();
    }

    @Override
    public String stemWeight() {
        return "conv1.weight";
    }

    /**
     * Walks any block tree whose child names follow torchvision and maps DJL's parameter names onto
     * PyTorch's (BatchNorm's gamma/beta/runningMean/runningVar become weight/bias/running_mean/running_var).
     */
    public static Map<String, Parameter> torchvisionParameters(Block block, String prefix) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (var p : block.getDirectParameters()) {
            out.put(prefix + torchName(p.getKey()), p.getValue());
        }
        for (var c : block.getChildren()) {
            String name = c.getKey().replaceFirst("^\\d{2}", "");
            out.putAll(torchvisionParameters(c.getValue(), prefix + name + "."));
        }
        return out;
    }

    private static String torchName(String djl) {
        return switch (djl) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djl;
        };
    }

    /** Two BasicBlocks; the first may stride and project. */
    static final class Stage extends AbstractBlock {
        private final BasicBlock first;
        private final BasicBlock second;

        Stage(int channels, int stride, int inChannels) {
            first = addChildBlock("0", new BasicBlock(channels, stride, stride != 1 || inChannels != channels));
            second = addChildBlock("1", new BasicBlock(channels, 1, false));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDList mid = first.forward(ps, inputs, training);
            NDList out = second.forward(ps, mid, training);
            mid.close();
            return out;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return second.getOutputShapes(first.getOutputShapes(inputShapes));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            first.initialize(manager, dataType, inputShapes);
            second.initialize(manager, dataType, first.getOutputShapes(inputShapes));
        }
    }

    /** torchvision's BasicBlock: conv-bn-relu-conv-bn, plus identity or 1×1 projection, then relu. */
    static final class BasicBlock extends AbstractBlock {
        private final int channels;
        private final int stride;
        private final Conv2d conv1;
        private final BatchNorm bn1;
        private final Conv2d conv2;
        private final BatchNorm bn2;
        private final Downsample downsample;

        BasicBlock(int channels, int stride, boolean project) {
            this.channels = channels;
            this.stride = stride;
            conv1 = addChildBlock("conv1", conv(channels, 3, stride, 1));
            bn1 = addChildBlock("bn1", batchNorm());
            conv2 = addChildBlock("conv2", conv(channels, 3, 1, 1));
            bn2 = addChildBlock("bn2", batchNorm());
            downsample = project ? addChildBlock("downsample", new Downsample(channels, stride)) : null;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray c1 = conv1.forward(ps, inputs, training).singletonOrThrow();
            NDArray b1 = release(bn1.forward(ps, new NDList(c1), training).singletonOrThrow(), c1);
            NDArray r1 = release(Activation.relu(b1), b1);
            NDArray c2 = release(conv2.forward(ps, new NDList(r1), training).singletonOrThrow(), r1);
            NDArray y = release(bn2.forward(ps, new NDList(c2), training).singletonOrThrow(), c2);
            if (downsample == null) {
                y.addi(x);
            } else {
                NDArray shortcut = downsample.forward(ps, inputs, training).singletonOrThrow();
                y.addi(shortcut);
                shortcut.close();
            }
            return new NDList(release(Activation.relu(y), y));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] in) {
            Shape s = in[0];
            return new Shape[] {new Shape(s.get(0), channels, (s.get(2) - 1) / stride + 1, (s.get(3) - 1) / stride + 1)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
            conv1.initialize(manager, dataType, in);
            Shape mid = conv1.getOutputShapes(in)[0];
            bn1.initialize(manager, dataType, mid);
            conv2.initialize(manager, dataType, mid);
            bn2.initialize(manager, dataType, mid);
            if (downsample != null) {
                downsample.initialize(manager, dataType, in);
            }
        }
    }

    /** The 1×1 strided projection: torchvision's {@code downsample.0} (conv) and {@code downsample.1} (BN). */
    static final class Downsample extends AbstractBlock {
        private final Conv2d conv;
        private final BatchNorm bn;

        Downsample(int channels, int stride) {
            conv = addChildBlock("0", conv(channels, 1, stride, 0));
            bn = addChildBlock("1", batchNorm());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDList c = conv.forward(ps, inputs, training);
            NDList out = bn.forward(ps, c, training);
            c.close();
            return out;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] in) {
            return conv.getOutputShapes(in);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
            conv.initialize(manager, dataType, in);
            bn.initialize(manager, dataType, conv.getOutputShapes(in));
        }
    }
}
