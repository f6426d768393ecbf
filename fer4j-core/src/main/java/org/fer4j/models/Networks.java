package org.fer4j.models;

/** Turns a spec into a network through its kind's {@link ModelDefinition}. */
public final class Networks {
    private Networks() {
    }

    public static ExpressionNetwork create(ModelSpec spec) {
        return spec.kind().definition().network(spec);
    }
}
