package org.fer4j.training;

import org.fer4j.models.FerModel;

/** Chooses the training step a model's objective needs. */
public final class TrainingSteps {
    private TrainingSteps() {
    }

    public static TrainingStep forModel(FerModel model, TrainConfig config) {
        return new ClassificationStep(model, config);
    }
}
