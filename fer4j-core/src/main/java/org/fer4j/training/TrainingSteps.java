package org.fer4j.training;

import org.fer4j.models.FerModel;

/** The training step each objective needs: the only place an objective turns into code. */
public final class TrainingSteps {
    private TrainingSteps() {
    }

    public static TrainingStep forModel(FerModel model, TrainConfig config) {
        return switch (model.spec().kind().definition().objective()) {
            case CLASSIFICATION -> new ClassificationStep(model, config);
            case ADVERSARIAL -> new AdversarialStep(model, config);
        };
    }
}
