package org.fer4j.inference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.FoldedNetwork;
import org.fer4j.training.PairedBatch;

/**
 * Recognises expressions with a saved model, reproducing its preprocessing. Paired SPNDL models need
 * each face's neutral reference; asking without one is an error that says so.
 */
public final class Predictor {
    private final FerModel model;
    private final ParameterStore ps;
    private final NDManager foldedArrays;
    private final FoldedNetwork folded;

    /** A predictor that runs the model with BatchNorm folded into its convolutions where it can. */
    public Predictor(FerModel model) {
        this(model, true);
    }

    /**
     * @param foldBatchNorm fold BatchNorm into the convolutions once, now, from the model's current
     *                      weights (same predictions up to rounding, fewer passes); the model must not be
     *                      trained further while this predictor is used
     */
    public Predictor(FerModel model, boolean foldBatchNorm) {
        this.model = model;
        this.ps = new ParameterStore(model.manager(), false);
        this.foldedArrays = foldBatchNorm ? model.manager().newSubManager() : null;
        this.folded = foldBatchNorm ? model.network().foldBatchNorm(foldedArrays).orElse(null) : null;
    }

    /** Whether predictions run through the BatchNorm-folded network. */
    public boolean folded() {
        return folded != null;
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
        float[] probs = probabilities(batch);
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
        return out;
    }

    /** Class probabilities of a preprocessed batch, row-major (batch × classes), in inference mode. */
    public float[] probabilities(PairedBatch batch) {
        try (NDManager sub = model.manager().newSubManager()) {
            NDList inputs = batch.toInputs(sub, model.needsNeutral());
            NDList result = folded != null ? folded.forward(inputs) : model.forward(ps, inputs, false);
            return result.get(0).softmax(1).toFloatArray();
        }
    }
}
