package org.fer4j.models;

/**
 * SPNDL with a neutral reference: target and neutral through one backbone as one batch (joint
 * BatchNorm), NDF = f(target) − f(neutral) classified.
 */
public final class SpndlModel implements ModelDefinition {
    @Override
    public String cliName() {
        return "spndl";
    }

    @Override
    public String description() {
        return "SPNDL: NDF = f(target) - f(neutral), one backbone, joint BatchNorm";
    }

    @Override
    public boolean needsNeutral() {
        return true;
    }

    @Override
    public ExpressionNetwork network(ModelSpec spec) {
        return new NeutralDisentangledFeatures(BackboneKind.of(spec), spec.width(), spec.labels().size());
    }

    @Override
    public String featureName() {
        return "NDF";
    }
}
