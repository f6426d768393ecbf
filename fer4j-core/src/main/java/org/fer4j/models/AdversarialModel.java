package org.fer4j.models;

/**
 * Adversarial disentangling: a shared encoder split into z_e and z_n, an adversary that must fail to
 * read the expression from z_n, and (β1 &gt; 0) a decoder. Probed for disentanglement after every fold.
 */
public final class AdversarialModel implements ModelDefinition {
    @Override
    public String cliName() {
        return "adversarial";
    }

    @Override
    public String description() {
        return "adversarial disentangling of expression (z_e) and non-expression (z_n) parts";
    }

    @Override
    public boolean needsNeutral() {
        return false;
    }

    @Override
    public ExpressionNetwork network(ModelSpec spec) {
        if (BackboneKind.of(spec) != BackboneKind.RESNET18) {
            throw new IllegalArgumentException("the adversarial model is built on ResNet-18 only, not on backbone "
                    + BackboneKind.of(spec) + "; use baseline, spndl or spndl-nn for --backbone " + BackboneKind.of(spec));
        }
        return AdversarialNetwork.of(spec);
    }

    @Override
    public Objective objective() {
        return Objective.ADVERSARIAL;
    }

    @Override
    public String featureName() {
        return "z_e (expression)";
    }

    @Override
    public boolean probedByDefault() {
        return true;
    }

    @Override
    public boolean reconstructs(ModelSpec spec) {
        return AdversarialConfig.of(spec).beta1() > 0;
    }
}
