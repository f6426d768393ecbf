package org.fer4j.vision.faceapi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.Sample;
import org.fer4j.evaluation.EvaluationResult;

/**
 * Scores the pretrained face-api expression model on any dataset fer4j lists, so a user sees a
 * pretrained peer beside their trained models. Only the classes both share are scored: a sample whose
 * label face-api lacks (contempt) is left out and counted, and a prediction is the most probable of
 * face-api's classes that the dataset has. Each face is the sample's box (the adapter's landmark or
 * face box, without margin) or the whole image, through {@link FaceApiInput}.
 */
public final class FaceApiEvaluation {
    private FaceApiEvaluation() {
    }

    /**
     * @param metrics  accuracy, macro-F1 and confusion over {@code classes}
     * @param classes  the scored classes (the dataset's, in its order, that face-api has)
     * @param leftOut  samples not scored, each with the reason
     */
    public record Result(EvaluationResult metrics, List<Emotion> classes, List<String> leftOut) {
        public Result {
            classes = List.copyOf(classes);
            leftOut = List.copyOf(leftOut);
        }
    }

    public static Result evaluate(FaceExpressionModel model, Dataset ds, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        List<Emotion> classes = new ArrayList<>();
        for (Emotion e : ds.labels().classes()) {
            for (FaceExpression f : FaceExpression.values()) {
                if (f.emotion() == e) {
                    classes.add(e);
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException(ds.name() + " shares no class with face-api's " + List.of(FaceExpression.values()));
        }
        long[][] confusion = new long[classes.size()][classes.size()];
        List<String> leftOut = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (Sample s : ds.samples()) {
            int t = classes.indexOf(s.label());
            if (t < 0) {
                leftOut.add(s.id() + ": face-api has no class " + s.label().canonicalName());
                continue;
            }
            try {
                inputs.add(FaceApiInput.of(s.image().read(), s.box()));
                truth.add(t);
            } catch (IOException | RuntimeException e) {
                leftOut.add(s.id() + ": " + e.getMessage());
            }
            if (inputs.size() == batchSize) {
                score(model, inputs, truth, classes, confusion);
            }
        }
        score(model, inputs, truth, classes, confusion);
        List<String> names = classes.stream().map(Emotion::canonicalName).toList();
        return new Result(EvaluationResult.of(names, confusion), classes, leftOut);
    }

    private static void score(FaceExpressionModel model, List<float[]> inputs, List<Integer> truth,
                              List<Emotion> classes, long[][] confusion) {
        if (inputs.isEmpty()) {
            return;
        }
        float[][] p = model.probabilities(inputs.toArray(float[][]::new));
        for (int i = 0; i < p.length; i++) {
            int best = -1;
            for (FaceExpression f : FaceExpression.values()) {
                int c = classes.indexOf(f.emotion());
                if (c >= 0 && (best < 0 || p[i][f.ordinal()] > p[i][FaceExpression.values()[best].ordinal()])) {
                    best = f.ordinal();
                }
            }
            confusion[truth.get(i)][classes.indexOf(FaceExpression.values()[best].emotion())]++;
        }
        inputs.clear();
        truth.clear();
    }
}
