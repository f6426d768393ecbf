package org.fer4j.models;

import java.util.Arrays;
import java.util.Locale;

/** The networks fer4j trains, under the names {@code --model} accepts. */
public enum ModelKind {
    /** ResNet-18 on the target image only. */
    BASELINE("baseline", false),
    /** SPNDL with a neutral reference: one backbone, targets and references normalised jointly. */
    SPNDL("spndl", true),
    /** SPNDL without a neutral image: NDF = f_e(x) − f_n(x) from two backbones. */
    SPNDL_NO_NEUTRAL("spndl-nn", false),
    /** Adversarial disentangling of expression and non-expression representations. */
    ADVERSARIAL("adversarial", false);

    private final String cliName;
    private final boolean needsNeutral;

    ModelKind(String cliName, boolean needsNeutral) {
        this.cliName = cliName;
        this.needsNeutral = needsNeutral;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether prediction needs the subject's neutral reference image. */
    public boolean needsNeutral() {
        return needsNeutral;
    }

    public static ModelKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ModelKind k : values()) {
            if (k.cliName.equals(n) || k.name().toLowerCase(Locale.ROOT).equals(n)) {
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
        return cliName;
    }
}
