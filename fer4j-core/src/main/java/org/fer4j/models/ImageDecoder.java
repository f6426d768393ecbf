package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The decoder D of [A]: [z_e, z_n] → a linear map onto a {@code c × ⌈s/8⌉ × ⌈s/8⌉} grid, then three
 * stages of 2× nearest-neighbour upsampling and a 3×3 convolution (ReLU between; DJL's PyTorch engine
 * has no transposed convolution) to an image of {@code channels} planes, cropped to {@code s × s}. It predicts the <em>normalised</em> input tensor, so its output
 * renders with the same de-normalisation as any thumbnail.
 */
final class ImageDecoder extends AbstractBlock {
    private final int size;
    private final int grid;
    private final int baseChannels;
    private final Linear fc;
    private final Conv2d up1;
    private final Conv2d up2;
    private final Conv2d up3;

    /**
     * @param width    the ResNet-18 width multiplier; the decoder's channels scale with it (256 × width)
     * @param channels image planes (3 or 1)
     * @param size     image side in pixels
     */
    ImageDecoder(double width, int channels, int size) {
        this.size = size;
        this.grid = (size + 7) / 8;
        this.baseChannels = Math.max(8, (int) Math.round(256 * width));
        fc = addChildBlock("fc", Linear.builder().setUnits((long) baseChannels * grid * grid).build());
        up1 = addChildBlock("up1", deconv(Math.max(4, baseChannels / 2)));
        up2 = addChildBlock("up2", deconv(Math.max(4, baseChannels / 4)));
        up3 = addChildBlock("up3", deconv(channels));
    }

    private static Conv2d deconv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
    }

    /** Nearest-neighbour 2× upsampling by broadcasting (differentiable, no engine-specific operator). */
    static NDArray upsample(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        return x.reshape(b, c, h, 1, w, 1).broadcast(new Shape(b, c, h, 2, w, 2)).reshape(b, c, 2 * h, 2 * w);
    }

    private static Shape doubled(Shape s) {
        return new Shape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        NDArray x = Activation.relu(fc.forward(ps, inputs, training).singletonOrThrow())
                .reshape(z.getShape().get(0), baseChannels, grid, grid);
        x = Activation.relu(up1.forward(ps, new NDList(upsample(x)), training).singletonOrThrow());
        x = Activation.relu(up2.forward(ps, new NDList(upsample(x)), training).singletonOrThrow());
        x = up3.forward(ps, new NDList(upsample(x)), training).singletonOrThrow();
        return new NDList(grid * 8 == size ? x : x.get(":, :, 0:" + size + ", 0:" + size));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = up1.getOutputShapes(new Shape[] {doubled(gridShape(inputShapes[0].get(0)))})[0];
        s = up2.getOutputShapes(new Shape[] {doubled(s)})[0];
        s = up3.getOutputShapes(new Shape[] {doubled(s)})[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), size, size)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fc.initialize(manager, dataType, inputShapes[0]);
        Shape s = doubled(gridShape(inputShapes[0].get(0)));
        up1.initialize(manager, dataType, s);
        s = doubled(up1.getOutputShapes(new Shape[] {s})[0]);
        up2.initialize(manager, dataType, s);
        up3.initialize(manager, dataType, doubled(up2.getOutputShapes(new Shape[] {s})[0]));
    }

    private Shape gridShape(long batch) {
        return new Shape(batch, baseChannels, grid, grid);
    }
}
