package org.fer4j.inference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.training.PairedBatch;

/**
 * Recognises expressions with a saved model, reproducing its preprocessing. Paired SPNDL models need
 * each face's neutral reference; asking without one is an error that says so.
 */
public final class Predictor {
    private final FerModel model;
    private final ParameterStore ps;

    public Predictor(FerModel model) {
        this.model = model;
        this.ps = new ParameterStore(model.manager(), false);
    }

    /** Checks an input can be served by this model (neutral reference present when needed). */
    public void check(FaceInput in) {
        if (model.needsNeutral() && in.neutral() == null) {
            throw new IllegalArgumentException(in.name() + ": model '" + model.spec().kind()
                    + "' compares each face with the same person's neutral face; give the neutral image"
                    + " (--neutral FILE, or a manifest with a 'neutral' column), or use a model trained without"
                    + " neutral images (spndl-nn, baseline)");
        }
    }

    /** Predicts a batch of inputs; decoding errors name the file. */
    public List<Prediction> predict(List<FaceInput> inputs) throws IOException {
        Preprocessing pre = model.spec().preprocessing();
        int per = pre.length();
        int n = inputs.size();
        float[] t = new float[n * per];
        float[] r = model.needsNeutral() ? new float[n * per] : null;
        for (int i = 0; i < n; i++) {
            FaceInput in = inputs.get(i);
            check(in);
            System.arraycopy(pre.load(in.image(), in.box()), 0, t, i * per, per);
            if (r != null) {
                System.arraycopy(pre.load(in.neutral(), in.neutralBox()), 0, r, i * per, per);
            }
        }
        PairedBatch batch = new PairedBatch(t, r, new int[n], new int[n], pre.channels(), pre.size());
        List<String> classes = model.spec().labels().names();
        List<Prediction> out = new ArrayList<>(n);
        try (NDManager sub = model.manager().newSubManager()) {
            NDList result = model.forward(ps, batch.toInputs(sub, model.needsNeutral()), false);
            float[] probs = result.get(0).softmax(1).toFloatArray();
            int k = classes.size();
            for (int i = 0; i < n; i++) {
                double[] p = new double[k];
                int best = 0;
                for (int j = 0; j < k; j++) {
                    p[j] = probs[i * k + j];
                    if (p[j] > p[best]) {
                        best = j;
                    }
                }
                out.add(new Prediction(inputs.get(i).name(), classes.get(best), p[best], classes, p));
            }
        }
        return out;
    }
}
