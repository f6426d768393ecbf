package org.fer4j.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.fer4j.data.FaceStore;
import org.fer4j.models.FerModel;
import org.fer4j.training.BatchAssembler;
import org.fer4j.training.Losses;
import org.fer4j.training.PairedBatch;

/**
 * A model's outputs on a set of samples in inference mode (BatchNorm on running statistics): class
 * probabilities, per-sample loss (what SPL ranks by) and, when asked, the features (NDF, z_e, …).
 */
public record Predictions(int[] indices, int[] labels, float[][] probabilities, float[] losses, float[][] features) {

    public static Predictions of(FerModel model, FaceStore store, int[] indices, int batchSize, boolean keepFeatures) {
        int n = indices.length;
        int[] labels = new int[n];
        float[][] probs = new float[n][];
        float[] losses = new float[n];
        float[][] features = keepFeatures ? new float[n][] : null;
        BatchAssembler assembler = new BatchAssembler(store, model.needsNeutral(), null);
        ParameterStore ps = new ParameterStore(model.manager(), false);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            int[] chunk = java.util.Arrays.copyOfRange(indices, start, end);
            PairedBatch batch = assembler.assemble(chunk, null);
            try (NDManager sub = model.manager().newSubManager()) {
                NDList out = model.forward(ps, batch.toInputs(sub, model.needsNeutral()), false);
                NDArray logits = out.get(0);
                float[] p = logits.softmax(1).toFloatArray();
                float[] l = Losses.crossEntropyPerSample(logits, batch.labelArray(sub)).toFloatArray();
                int k = (int) logits.getShape().get(1);
                float[] f = keepFeatures ? out.get(1).toFloatArray() : null;
                int d = keepFeatures ? (int) out.get(1).getShape().get(1) : 0;
                for (int i = 0; i < chunk.length; i++) {
                    labels[start + i] = batch.labels()[i];
                    probs[start + i] = java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k);
                    losses[start + i] = l[i];
                    if (keepFeatures) {
                        features[start + i] = java.util.Arrays.copyOfRange(f, i * d, (i + 1) * d);
                    }
                }
            }
        }
        return new Predictions(indices.clone(), labels, probs, losses, features);
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
