package org.fer4j.models;

/** The registry {@code --model} names resolve through: one place that turns a spec into a network. */
public final class Networks {
    private Networks() {
    }

    public static ExpressionNetwork create(ModelSpec spec) {
        int classes = spec.labels().size();
        return switch (spec.kind()) {
            case BASELINE -> new BaselineNetwork(spec.width(), classes);
            case SPNDL -> new NeutralDisentangledFeatures(spec.width(), classes);
            case SPNDL_NO_NEUTRAL -> new TwoBackboneNetwork(spec.width(), classes,
                    spec.option(TwoBackboneNetwork.INIT_NOISE, 0.05));
            case ADVERSARIAL -> AdversarialNetwork.of(spec);
        };
    }
}
