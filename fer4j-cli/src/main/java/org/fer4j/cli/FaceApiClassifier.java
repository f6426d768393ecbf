package org.fer4j.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Prediction;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.faceapi.FaceApiInput;
import org.fer4j.vision.faceapi.FaceExpression;
import org.fer4j.vision.faceapi.FaceExpressionModel;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.wild.FaceClassifier;

/** The pretrained face-api expression network as the photo and video paths' classifier (one face, no neutral). */
final class FaceApiClassifier implements FaceClassifier, AutoCloseable {
    private static final List<String> CLASSES =
            Arrays.stream(FaceExpression.values()).map(e -> e.emotion().canonicalName()).toList();
    private final FaceExpressionModel model;

    private FaceApiClassifier(FaceExpressionModel model) {
        this.model = model;
    }

    static FaceApiClassifier open() throws IOException {
        return new FaceApiClassifier(FaceExpressionModel.load(ModelStore.defaultStore()));
    }

    @Override
    public boolean needsNeutral() {
        return false;
    }

    @Override
    public List<Predictor.Result> classify(List<FaceInput> faces) {
        List<Predictor.Result> out = new ArrayList<>(faces.size());
        float[][] x = new float[faces.size()][];
        for (int i = 0; i < faces.size(); i++) {
            FaceInput in = faces.get(i);
            try {
                x[i] = FaceApiInput.of(in.image().read(), in.box());
            } catch (IOException | RuntimeException e) {
                x[i] = null;
                out.add(new Predictor.Result(in.name(), null, in.name() + ": " + e.getMessage()));
                continue;
            }
            out.add(null);
        }
        for (int i = 0; i < faces.size(); i++) {
            if (x[i] == null) {
                continue;
            }
            float[] p = model.probabilities(x[i])[0];
            double[] d = new double[p.length];
            int best = 0;
            for (int k = 0; k < p.length; k++) {
                d[k] = p[k];
                best = p[k] > p[best] ? k : best;
            }
            String name = faces.get(i).name();
            out.set(i, new Predictor.Result(name, new Prediction(name, CLASSES.get(best), d[best], CLASSES, d), null));
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
