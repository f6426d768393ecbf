package org.fer4j.models;

import java.util.Arrays;
import java.util.Locale;

/**
 * The model registry: the kinds fer4j trains, each registered with its {@link ModelDefinition}. The
 * constant's name is what {@code model.json} records; {@link #cliName()} is what {@code --model} accepts.
 */
public enum ModelKind {
    BASELINE(new BaselineModel()),
    SPNDL(new SpndlModel()),
    SPNDL_NO_NEUTRAL(new SpndlWithoutNeutralModel()),
    ADVERSARIAL(new AdversarialModel());

    private final ModelDefinition definition;

    ModelKind(ModelDefinition definition) {
        this.definition = definition;
    }

    /** Everything known about this kind of model. */
    public ModelDefinition definition() {
        return definition;
    }

    public String cliName() {
        return definition.cliName();
    }

    /** Whether training and prediction need the subject's neutral reference image. */
    public boolean needsNeutral() {
        return definition.needsNeutral();
    }

    public static ModelKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ModelKind k : values()) {
            if (k.cliName().equals(n) || k.name().toLowerCase(Locale.ROOT).equals(n)) {
                return k;
            }
        }
        if (n.equals("spndl-no-neutral") || n.equals("without-neutral")) {
            return SPNDL_NO_NEUTRAL;
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; expected one of "
                + Arrays.stream(values()).map(ModelKind::cliName).toList());
    }

    @Override
    public String toString() {
        return cliName();
    }
}
