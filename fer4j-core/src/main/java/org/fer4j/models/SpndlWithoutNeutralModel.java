package org.fer4j.models;

/** SPNDL without a neutral image: NDF = f_e(x) − f_n(x) from two backbones on the target alone. */
public final class SpndlWithoutNeutralModel implements ModelDefinition {
    @Override
    public String cliName() {
        return "spndl-nn";
    }

    @Override
    public String description() {
        return "SPNDL without a neutral image: f_e(x) - f_n(x), two backbones";
    }

    @Override
    public boolean needsNeutral() {
        return false;
    }

    /**
     * Both backbones start from the same weights; from scratch f_n gets a little noise (METHODS.md §3),
     * from pretrained weights none unless asked for (the paper's setup).
     */
    @Override
    public ExpressionNetwork network(ModelSpec spec) {
        return new TwoBackboneNetwork(BackboneKind.of(spec), spec.width(), spec.labels().size(),
                spec.option(TwoBackboneNetwork.INIT_NOISE, PretrainedWeights.Source.of(spec) != null ? 0 : 0.05));
    }

    @Override
    public String featureName() {
        return "NDF";
    }
}
