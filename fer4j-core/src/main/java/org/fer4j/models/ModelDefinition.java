package org.fer4j.models;

/**
 * Everything fer4j knows about one kind of model, in one place: the network it builds, whether it
 * needs the subject's neutral face, which objective trains it, and what else a run does with it
 * (disentanglement probes, reconstructions). Adding a model is one implementation of this interface
 * plus one constant in {@link ModelKind}; nothing else branches on the kind.
 */
public interface ModelDefinition {

    /** How a model learns; each objective has one training step ({@code training.TrainingSteps}). */
    enum Objective {
        /** Cross-entropy on the logits (optionally class-weighted). */
        CLASSIFICATION,
        /** Classification of z_e, an adversary that must fail on z_n, optional reconstruction. */
        ADVERSARIAL
    }

    /** The name {@code --model} accepts and run folders use. */
    String cliName();

    /** One line for {@code --help} and docs. */
    String description();

    /** Whether training and prediction need the subject's neutral reference image. */
    boolean needsNeutral();

    /** A fresh, uninitialised network for {@code spec}. */
    ExpressionNetwork network(ModelSpec spec);

    /** How the model is trained; cross-entropy on the logits unless a definition says otherwise. */
    default Objective objective() {
        return Objective.CLASSIFICATION;
    }

    /** What the network's features output holds, in the paper's terms (reports label t-SNE plots with it). */
    String featureName();

    /** Whether cross-validation fits the disentanglement probes after each fold without being asked. */
    default boolean probedByDefault() {
        return false;
    }

    /** Whether a model of {@code spec} learns to reconstruct faces, so a run draws a few. */
    default boolean reconstructs(ModelSpec spec) {
        return false;
    }
}
