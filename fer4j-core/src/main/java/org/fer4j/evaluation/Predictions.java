package org.fer4j.evaluation;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.fer4j.data.FaceStore;
import org.fer4j.inference.BatchClassifier;
import org.fer4j.inference.ModelRunner;
import org.fer4j.models.FerModel;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.models.Losses;
import org.fer4j.batches.PairedBatch;

/**
 * A model's outputs on a set of samples in inference mode (BatchNorm on running statistics): class
 * probabilities, per-sample loss (what SPL ranks by) and, when asked, the features (NDF, z_e, …).
 */
public record Predictions(int[] indices, int[] labels, float[][] probabilities, float[] losses, float[][] features) {

    public static Predictions of(FerModel model, FaceStore store, int[] indices, int batchSize, boolean keepFeatures) {
        return of(new ModelRunner(model), store, indices, batchSize, keepFeatures);
    }

    /** The same through a given runner (e.g. a folded one shared with a {@code Predictor}). */
    public static Predictions of(ModelRunner runner, FaceStore store, int[] indices, int batchSize, boolean keepFeatures) {
        int n = indices.length;
        int[] labels = new int[n];
        float[][] probs = new float[n][];
        float[] losses = new float[n];
        float[][] features = keepFeatures ? new float[n][] : null;
        BatchAssembler assembler = new BatchAssembler(store, runner.model().needsNeutral(), null);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            int[] chunk = java.util.Arrays.copyOfRange(indices, start, end);
            PairedBatch batch = assembler.assemble(chunk, null);
            int offset = start;
            runner.forward(batch, out -> {
                NDArray logits = out.get(0);
                float[] p = logits.softmax(1).toFloatArray();
                float[] l = Losses.crossEntropyPerSample(logits, batch.labelArray(logits.getManager())).toFloatArray();
                int k = (int) logits.getShape().get(1);
                float[] f = keepFeatures ? out.get(1).toFloatArray() : null;
                int d = keepFeatures ? (int) out.get(1).getShape().get(1) : 0;
                for (int i = 0; i < chunk.length; i++) {
                    labels[offset + i] = batch.labels()[i];
                    probs[offset + i] = java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k);
                    losses[offset + i] = l[i];
                    if (keepFeatures) {
                        features[offset + i] = java.util.Arrays.copyOfRange(f, i * d, (i + 1) * d);
                    }
                }
                return null;
            });
        }
        return new Predictions(indices.clone(), labels, probs, losses, features);
    }

    /**
     * The probabilities of another engine ({@link BatchClassifier}, e.g. ONNX Runtime), batched the same
     * way; the losses are the cross-entropy −ln p(label) from those probabilities, and no features are kept.
     */
    public static Predictions of(BatchClassifier classifier, FaceStore store, int[] indices, int batchSize) {
        int n = indices.length;
        int[] labels = new int[n];
        float[][] probs = new float[n][];
        float[] losses = new float[n];
        BatchAssembler assembler = new BatchAssembler(store, classifier.needsNeutral(), null);
        int k = classifier.labels().size();
        for (int start = 0; start < n; start += batchSize) {
            int[] chunk = java.util.Arrays.copyOfRange(indices, start, Math.min(n, start + batchSize));
            PairedBatch batch = assembler.assemble(chunk, null);
            float[] p = classifier.probabilities(batch);
            for (int i = 0; i < chunk.length; i++) {
                labels[start + i] = batch.labels()[i];
                probs[start + i] = java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k);
                losses[start + i] = (float) -Math.log(Math.max(probs[start + i][labels[start + i]], Float.MIN_NORMAL));
            }
        }
        return new Predictions(indices.clone(), labels, probs, losses, null);
    }

    public int predicted(int i) {
        float[] p = probabilities[i];
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    public EvaluationResult evaluate(List<String> classNames) {
        ConfusionMatrix cm = new ConfusionMatrix(classNames);
        for (int i = 0; i < indices.length; i++) {
            cm.add(labels[i], predicted(i));
        }
        return cm.compute();
    }
}
