package org.fer4j.vision.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.vision.tfjs.TfjsWeights;

/**
 * face-api.js's FaceFeatureExtractor with a linear head, rebuilt from DJL blocks: four
 * {@link DenseBlock4}s of 32, 64, 128, 256 channels, each halving the size, a 7×7 average pool and a
 * 256→N linear layer. face-api's FaceExpressionNet (N = 7 logits) and FaceLandmark68Net (N = 136
 * coordinates) are this network with different weights. Input: N×3×112×112, already normalised
 * ({@code (rgb - mean)/255}). {@link #load} copies the TF.js weights in, converting TF's HWIO and
 * depthwise layouts to DJL's OIHW.
 */
public final class FaceApiNet extends AbstractBlock {
    /** Input side in pixels. */
    public static final int SIZE = 112;
    private static final int[] CHANNELS = {32, 64, 128, 256};
    private final DenseBlock4[] dense = new DenseBlock4[4];
    private final Linear fc;
    private final int outputs;

    /** @param outputs the head's width (7 for expressions, 136 for 68 landmarks) */
    public FaceApiNet(int outputs) {
        super((byte) 1);
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1: " + outputs);
        }
        this.outputs = outputs;
        for (int i = 0; i < 4; i++) {
            dense[i] = addChildBlock("dense" + i, new DenseBlock4(i == 0 ? 3 : CHANNELS[i - 1], CHANNELS[i], i == 0));
        }
        fc = addChildBlock("fc", Linear.builder().setUnits(outputs).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (DenseBlock4 d : dense) {
            x = d.forward(ps, x, training);
        }
        NDArray pooled = Pool.avgPool2d(x.singletonOrThrow(), new Shape(7, 7), new Shape(2, 2), new Shape(0, 0), false, true);
        return fc.forward(ps, new NDList(pooled.reshape(pooled.getShape().get(0), -1)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputs)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (DenseBlock4 d : dense) {
            d.initialize(manager, dataType, s);
            s = d.getOutputShapes(s);
        }
        fc.initialize(manager, dataType, new Shape(s[0].get(0), CHANNELS[3]));
    }

    /** Copies face-api's tensors in (names as in its {@code *-weights_manifest.json}: {@code dense0/conv0/filters}, …, {@code fc/bias}). */
    public void load(TfjsWeights w) {
        for (int i = 0; i < 4; i++) {
            String p = "dense" + i + "/";
            int in = i == 0 ? 3 : CHANNELS[i - 1];
            int c = CHANNELS[i];
            Block conv0 = dense[i].conv0();
            if (conv0 instanceof SameConv plain) {
                setConv(plain.conv(), w.get(p + "conv0/filters", 3, 3, in, c), w.get(p + "conv0/bias", c));
            } else {
                setSeparable((SeparableConv) conv0, w, p + "conv0/", in, c);
            }
            for (int k = 1; k <= 3; k++) {
                setSeparable(dense[i].conv(k), w, p + "conv" + k + "/", c, c);
            }
        }
        TfjsWeights.Tensor fw = w.get("fc/weights", CHANNELS[3], outputs);
        set(fc, "weight", transpose2d(fw.values(), CHANNELS[3], outputs));
        set(fc, "bias", w.get("fc/bias", outputs).values());
    }

    private static void setSeparable(SeparableConv sc, TfjsWeights w, String p, int in, int out) {
        // depthwise H×W×C×1 has the memory order of HWIO with I = C, O = 1; OIHW of that is C×1×H×W.
        set(sc.depthwise().conv(), "weight", hwioToOihw(w.get(p + "depthwise_filter", 3, 3, in, 1).values(), 3, 3, in, 1));
        setConv(sc.pointwise(), w.get(p + "pointwise_filter", 1, 1, in, out), w.get(p + "bias", out));
    }

    private static void setConv(Conv2d conv, TfjsWeights.Tensor filters, TfjsWeights.Tensor bias) {
        int[] s = filters.shape();
        set(conv, "weight", hwioToOihw(filters.values(), s[0], s[1], s[2], s[3]));
        set(conv, "bias", bias.values());
    }

    private static void set(Block block, String param, float[] values) {
        NDArray a = block.getParameters().get(param).getArray();
        if (a.getShape().size() != values.length) {
            throw new IllegalArgumentException(param + " of " + block + " has " + a.getShape() + ", weights give " + values.length);
        }
        a.set(values);
    }

    static float[] hwioToOihw(float[] v, int kh, int kw, int ci, int co) {
        float[] out = new float[v.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < ci; i++) {
                    for (int o = 0; o < co; o++) {
                        out[((o * ci + i) * kh + y) * kw + x] = v[((y * kw + x) * ci + i) * co + o];
                    }
                }
            }
        }
        return out;
    }

    static float[] transpose2d(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = v[r * cols + c];
            }
        }
        return out;
    }
}
