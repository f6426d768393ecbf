package org.fer4j.training;

import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;

/** Chooses the training step a model's objective needs. */
public final class TrainingSteps {
    private TrainingSteps() {
    }

    public static TrainingStep forModel(FerModel model, TrainConfig config) {
        if (model.spec().kind() == ModelKind.ADVERSARIAL) {
            return new AdversarialStep(model, config);
        }
        return new ClassificationStep(model, config);
    }
}
