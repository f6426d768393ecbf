package org.fer4j.models;

import org.fer4j.models.PretrainedWeights;

/** The registry {@code --model} names resolve through: one place that turns a spec into a network. */
public final class Networks {
    private Networks() {
    }

    public static ExpressionNetwork create(ModelSpec spec) {
        int classes = spec.labels().size();
        return switch (spec.kind()) {
            case BASELINE -> new BaselineNetwork(spec.width(), classes);
            case SPNDL -> new NeutralDisentangledFeatures(spec.width(), classes);
            // Both backbones start from the same weights; from scratch f_n gets a little noise (METHODS.md §3),
            // from pretrained weights none unless asked for (the paper's setup).
            case SPNDL_NO_NEUTRAL -> new TwoBackboneNetwork(spec.width(), classes,
                    spec.option(TwoBackboneNetwork.INIT_NOISE, PretrainedWeights.Source.of(spec) != null ? 0 : 0.05));
            case ADVERSARIAL -> AdversarialNetwork.of(spec);
        };
    }
}
