package org.fer4j.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Prediction;
import org.fer4j.vision.faceapi.FaceApiInput;
import org.fer4j.vision.faceapi.FaceExpression;
import org.fer4j.vision.faceapi.FaceExpressionModel;
import org.fer4j.vision.store.ModelStore;

/**
 * {@code predict --model faceapi-expression}: the pretrained face-api expression network from the model
 * store (never downloaded here), its 7 classes named by fer4j's labels.
 */
final class FaceApiPredictions {
    private FaceApiPredictions() {
    }

    /** Predictions of the inputs; a neutral reference is refused (the network takes one face). */
    static List<Prediction> predict(List<FaceInput> inputs, List<String> failures) throws IOException {
        List<String> classes = Arrays.stream(FaceExpression.values()).map(e -> e.emotion().canonicalName()).toList();
        List<Prediction> out = new ArrayList<>();
        try (FaceExpressionModel model = FaceExpressionModel.load(ModelStore.defaultStore())) {
            for (FaceInput in : inputs) {
                if (in.neutral() != null) {
                    throw new IllegalArgumentException(FaceExpressionModel.ARTIFACT + " takes one face; drop --neutral");
                }
                float[] x;
                try {
                    x = FaceApiInput.of(in.image().read(), in.box());
                } catch (IOException | RuntimeException e) {
                    if (inputs.size() == 1) {
                        throw new IOException(in.name() + ": " + e.getMessage(), e);
                    }
                    failures.add(in.name() + ": " + e.getMessage());
                    continue;
                }
                float[] p = model.probabilities(x)[0];
                double[] d = new double[p.length];
                int best = 0;
                for (int k = 0; k < p.length; k++) {
                    d[k] = p[k];
                    best = p[k] > p[best] ? k : best;
                }
                out.add(new Prediction(in.name(), classes.get(best), d[best], classes, d));
            }
        }
        return out;
    }
}
