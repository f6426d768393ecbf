package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trunk of face-api.js's FaceRecognitionNet (a dlib-style ResNet-34 without BatchNorm), architecture
 * only, so that core can train it and {@code fer4j-vision} can load face-api's weights into it: a 7×7/2
 * "valid" convolution (with ReLU) and a 3×3/2 "valid" max-pool, residual layers of 32 (×3), 64 (down + 3), 128 (down + 2)
 * and 256 (down + 2 + down) channels, each convolution followed by a per-channel scale layer
 * ({@code x·w + b}, dlib's affine layer in place of BatchNorm), and a global mean: N×256 features.
 * A "down" layer convolves 3×3/2 "valid" and adds a 2×2/2 average pool of its input, zero-padded to the
 * doubled channels (and by one row and column at the end where the two sizes differ by one, as face-api
 * does). The input is normalised by the caller; face-api uses {@code (rgb − mean) / 255} at 150×150.
 * Inputs smaller than {@link #MIN_SIZE} pixels leave less than 3×3 for the last down layer and are refused.
 *
 * <p>{@link #faceApiParameters()} names each parameter as face-api's weight manifest does
 * ({@code conv32_down/conv/filters}, {@code conv64_1/conv2/scale/biases}, …), filters in DJL's OIHW.
 */
public final class FaceResNet extends Backbone {
    /** face-api's input side. */
    public static final int SIZE = 150;
    /**
     * The smallest input side the layers accept: the stem and pool must leave 24 pixels for the four down
     * layers (24 → 12 → 6 → 3 → 1); face-api's 150 leaves 35 (→ 17 → 8 → 4 → 2).
     */
    public static final int MIN_SIZE = 103;
    /** Width of the feature vector. */
    public static final int FEATURES = 256;
    /** face-api's layer names in forward order, with their channels and whether they halve the size. */
    private static final List<Layer> LAYERS = List.of(
            new Layer("conv32_1", 32, false), new Layer("conv32_2", 32, false), new Layer("conv32_3", 32, false),
            new Layer("conv64_down", 64, true), new Layer("conv64_1", 64, false), new Layer("conv64_2", 64, false),
            new Layer("conv64_3", 64, false), new Layer("conv128_down", 128, true), new Layer("conv128_1", 128, false),
            new Layer("conv128_2", 128, false), new Layer("conv256_down", 256, true), new Layer("conv256_1", 256, false),
            new Layer("conv256_2", 256, false), new Layer("conv256_down_out", 256, true));

    private record Layer(String name, int channels, boolean down) {
    }

    private final ConvScale stem;
    private final Residual[] residuals = new Residual[LAYERS.size()];

    /** The trunk; its input channels (3 for face-api's RGB weights, 1 for a grey model) come from the first input shape. */
    public FaceResNet() {
        super((byte) 1);
        stem = addChildBlock("conv32_down", new ConvScale(32, 7, 2, 0));
        int in = 32;
        for (int i = 0; i < LAYERS.size(); i++) {
            Layer l = LAYERS.get(i);
            residuals[i] = addChildBlock(l.name(), new Residual(in, l.channels(), l.down()));
            in = l.channels();
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray c = stem.forward(ps, inputs, training).singletonOrThrow();
        NDArray s = ResNet18.release(Activation.relu(c), c);
        NDArray x = ResNet18.release(Pool.maxPool2d(s, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false), s);
        for (Residual r : residuals) {
            NDArray next = r.forward(ps, new NDList(x), training).singletonOrThrow();
            x.close();
            x = next;
        }
        NDArray pooled = ResNet18.release(Pool.globalAvgPool2d(x), x);
        return new NDList(ResNet18.release(pooled.reshape(pooled.getShape().get(0), -1), pooled));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), FEATURES)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        if (!fits(s.get(2)) || !fits(s.get(3))) {
            throw new IllegalArgumentException("the face ResNet needs inputs of at least " + MIN_SIZE + "x" + MIN_SIZE
                    + " pixels (face-api uses " + SIZE + "), got " + s);
        }
        stem.initialize(manager, dataType, s);
        s = stem.getOutputShapes(new Shape[] {s})[0];
        s = new Shape(s.get(0), s.get(1), (s.get(2) - 3) / 2 + 1, (s.get(3) - 3) / 2 + 1);
        for (Residual r : residuals) {
            r.initialize(manager, dataType, s);
            s = r.getOutputShapes(new Shape[] {s})[0];
        }
    }

    @Override
    public int featureSize() {
        return FEATURES;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return faceApiParameters();
    }

    @Override
    public String stemWeight() {
        return "conv32_down/conv/filters";
    }

    /** Whether an input side leaves every down layer's 3×3 "valid" convolution at least 3 pixels. */
    public static boolean fits(long side) {
        long s = (side - 7) / 2 + 1;
        s = s < 3 ? 0 : (s - 3) / 2 + 1;
        for (int i = 0; i < 4; i++) {
            if (s < 3) {
                return false;
            }
            s /= 2;
        }
        return true;
    }

    /** Every parameter under face-api's manifest name ({@code conv32_1/conv1/conv/filters}, OIHW here). */
    public Map<String, Parameter> faceApiParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        stem.addParameters("conv32_down", out);
        for (int i = 0; i < residuals.length; i++) {
            residuals[i].conv1.addParameters(LAYERS.get(i).name() + "/conv1", out);
            residuals[i].conv2.addParameters(LAYERS.get(i).name() + "/conv2", out);
        }
        return out;
    }

    /** A convolution with bias, then face-api's scale layer ({@code x·weights + biases} per channel), no ReLU. */
    static final class ConvScale extends AbstractBlock {
        private final Conv2d conv;
        private final Parameter weights;
        private final Parameter biases;
        private final int filters;

        ConvScale(int filters, int kernel, int stride, int pad) {
            super((byte) 1);
            this.filters = filters;
            conv = addChildBlock("conv", Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                    .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(true).build());
            weights = addParameter(Parameter.builder().setName("weights").setType(Parameter.Type.GAMMA)
                    .optShape(new Shape(filters)).build());
            biases = addParameter(Parameter.builder().setName("biases").setType(Parameter.Type.BETA)
                    .optShape(new Shape(filters)).build());
        }

        void addParameters(String prefix, Map<String, Parameter> out) {
            out.put(prefix + "/conv/filters", conv.getParameters().get("weight"));
            out.put(prefix + "/conv/bias", conv.getParameters().get("bias"));
            out.put(prefix + "/scale/weights", weights);
            out.put(prefix + "/scale/biases", biases);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray c = conv.forward(ps, inputs, training).singletonOrThrow();
            NDArray w = ps.getValue(weights, c.getDevice(), training).reshape(1, filters, 1, 1);
            NDArray b = ps.getValue(biases, c.getDevice(), training).reshape(1, filters, 1, 1);
            NDArray m = ResNet18.release(c.mul(w), c);
            return new NDList(ResNet18.release(m.add(b), m));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return conv.getOutputShapes(inputShapes);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            conv.initialize(manager, dataType, inputShapes);
        }
    }

    /** face-api's {@code residual} (3×3 "same" twice, identity shortcut) or {@code residualDown}. */
    static final class Residual extends AbstractBlock {
        private final ConvScale conv1;
        private final ConvScale conv2;
        private final boolean down;
        private final int in;
        private final int out;

        Residual(int in, int out, boolean down) {
            super((byte) 1);
            if (!down && in != out) {
                throw new IllegalArgumentException("a residual layer without down-sampling keeps its channels: " + in + " -> " + out);
            }
            this.in = in;
            this.out = out;
            this.down = down;
            conv1 = addChildBlock("conv1", new ConvScale(out, 3, down ? 2 : 1, down ? 0 : 1));
            conv2 = addChildBlock("conv2", new ConvScale(out, 3, 1, 1));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray a = conv1.forward(ps, inputs, training).singletonOrThrow();
            NDArray r = ResNet18.release(Activation.relu(a), a);
            NDArray y = conv2.forward(ps, new NDList(r), training).singletonOrThrow();
            r.close();
            NDArray shortcut = down ? Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true) : x;
            if (down && out != in) {
                NDArray zeros = shortcut.zerosLike();
                NDArray cat = NDArrays.concat(new NDList(shortcut, zeros), 1);
                zeros.close();
                shortcut.close();
                shortcut = cat;
            }
            long dh = shortcut.getShape().get(2) - y.getShape().get(2);
            long dw = shortcut.getShape().get(3) - y.getShape().get(3);
            if (dh != 0 || dw != 0) {
                // face-api appends one zero row, then one zero column, where the strided convolution came out smaller.
                y = ResNet18.release(y.pad(new Shape(0, dw, 0, dh), 0), y);
            }
            NDArray sum = ResNet18.release(y.add(shortcut), y);
            if (shortcut != x) {
                shortcut.close();
            }
            return new NDList(ResNet18.release(Activation.relu(sum), sum));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {down ? new Shape(s.get(0), out, s.get(2) / 2, s.get(3) / 2) : new Shape(s.get(0), out, s.get(2), s.get(3))};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            conv1.initialize(manager, dataType, inputShapes);
            Shape s = conv1.getOutputShapes(inputShapes)[0];
            conv2.initialize(manager, dataType, s);
        }
    }
}
