package org.fer4j.models;

/** The baseline of both papers: ResNet-18 on the target image only. */
public final class BaselineModel implements ModelDefinition {
    @Override
    public String cliName() {
        return "baseline";
    }

    @Override
    public String description() {
        return "ResNet-18 on the target image only";
    }

    @Override
    public boolean needsNeutral() {
        return false;
    }

    @Override
    public ExpressionNetwork network(ModelSpec spec) {
        return new BaselineNetwork(BackboneKind.of(spec), spec.width(), spec.labels().size());
    }

    @Override
    public String featureName() {
        return "pooled features";
    }
}
