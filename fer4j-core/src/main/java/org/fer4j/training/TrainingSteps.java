package org.fer4j.training;

import java.util.HashMap;
import java.util.Map;
import org.fer4j.data.FaceStore;

import org.fer4j.models.FerModel;

/** The training step each objective needs: the only place an objective turns into code. */
public final class TrainingSteps {
    private TrainingSteps() {
    }

    /** The step for {@code model}, without subject labels (so without the adversarial identity term). */
    public static TrainingStep forModel(FerModel model, TrainConfig config) {
        return forModel(model, config, null);
    }

    /** The step for {@code model} training on {@code store}, whose subjects an objective may use. */
    public static TrainingStep forModel(FerModel model, TrainConfig config, FaceStore store) {
        return switch (model.spec().kind().definition().objective()) {
            case CLASSIFICATION -> new ClassificationStep(model, config);
            case ADVERSARIAL -> new AdversarialStep(model, config, store == null ? null : subjectNumbers(store));
        };
    }

    /** Each sample's subject as a number (in order of first appearance), -1 where the sample has none. */
    static int[] subjectNumbers(FaceStore store) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[store.size()];
        for (int i = 0; i < out.length; i++) {
            String s = store.sample(i).subject();
            out[i] = s == null || s.isBlank() ? -1 : ids.computeIfAbsent(s, k -> ids.size());
        }
        return out;
    }
}
