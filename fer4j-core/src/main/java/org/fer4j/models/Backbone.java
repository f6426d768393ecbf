package org.fer4j.models;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A feature extractor a fer4j network is built on: an image batch in, an N×{@link #featureSize()} vector out.
 * {@link ResNet18} (torchvision's, BatchNorm) and {@link FaceResNet} (face-api's face-recognition trunk, scale
 * layers) are the two; {@link BackboneKind} names them in the model spec. {@link #namedParameters()} are the
 * names pretrained weights are matched by (torchvision's, or face-api's manifest names).
 */
public abstract class Backbone extends AbstractBlock {
    protected Backbone() {
        super();
    }

    protected Backbone(byte version) {
        super(version);
    }

    /** Width of the feature vector. */
    public abstract int featureSize();

    /** Every parameter under the names pretrained weights use. */
    public abstract Map<String, Parameter> namedParameters();

    /** The name of the first convolution's filters (summed over RGB for a grey model when loading). */
    public abstract String stemWeight();

    /** Whether {@code name} is a running statistic (not learnable, not perturbed). */
    public boolean isStatistic(String name) {
        return name.contains("running_");
    }
}
