package org.fer4j.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.batches.PairedBatch;

/**
 * Recognises expressions with a saved model, reproducing its preprocessing. Paired SPNDL models need
 * each face's neutral reference; asking without one is an error that says so.
 *
 * <p>One predictor may be shared by many threads (a server's request handlers): decoding and
 * preprocessing run in the caller's thread, the forward pass through the shared {@link ModelRunner}.
 * It runs the same network as {@code evaluate}, cross-validation and SPL scoring, so a borderline image
 * gets the same probabilities everywhere. Closing it frees a folded copy of the weights, if any; the
 * model stays owned by the caller.
 */
public final class Predictor implements AutoCloseable {
    private final BatchClassifier classifier;
    private final ModelRunner runner;

    /** One input's outcome: a prediction, or why this input could not be predicted. */
    public record Result(String name, Prediction prediction, String failure) {
        public Result {
            if ((prediction == null) == (failure == null)) {
                throw new IllegalArgumentException("a result is a prediction or a failure, not both or neither");
            }
        }

        public boolean ok() {
            return prediction != null;
        }
    }

    /** A predictor on the model's own network (the path every other use of the model takes). */
    public Predictor(FerModel model) {
        this(model, false);
    }

    /**
     * @param foldBatchNorm fold BatchNorm into the convolutions once, now (equal up to rounding, fewer
     *                      passes; for throughput measurements): the model must not be trained further
     */
    public Predictor(FerModel model, boolean foldBatchNorm) {
        this.runner = new ModelRunner(model, foldBatchNorm);
        this.classifier = runner;
    }

    /**
     * A predictor over another engine's forward pass (e.g. ONNX Runtime on an exported model): the same
     * decoding, checks and results; closing it leaves {@code classifier} to its owner.
     */
    public Predictor(BatchClassifier classifier) {
        this.classifier = classifier;
        this.runner = null;
    }

    /** Whether predictions run through the BatchNorm-folded network. */
    public boolean folded() {
        return runner != null && runner.folded();
    }

    /** Checks an input can be served by this model (neutral reference present when needed). */
    public void check(FaceInput in) {
        if (classifier.needsNeutral() && in.neutral() == null) {
            throw new IllegalArgumentException(in.name() + ": model '" + classifier.kindName()
                    + "' compares each face with the same person's neutral face; give the neutral image"
                    + " (--neutral FILE, or a manifest with a 'neutral' column), or use a model trained without"
                    + " neutral images (spndl-nn, baseline)");
        }
    }

    /**
     * Predicts a batch of inputs; a decoding error names the file and fails the whole call. Use
     * {@link #predictEach} to keep the good inputs of a batch with a bad one.
     */
    public List<Prediction> predict(List<FaceInput> inputs) throws IOException {
        Exception[] errors = new Exception[inputs.size()];
        List<Result> results = run(inputs, errors);
        for (Exception e : errors) {
            if (e instanceof IOException io) {
                throw io;
            }
            if (e != null) {
                throw (RuntimeException) e;
            }
        }
        return results.stream().map(Result::prediction).toList();
    }

    /**
     * Predicts every input it can, in one batched forward pass, and returns one result per input in
     * order: a prediction, or the reason (unreadable file, missing neutral reference, …). Never throws
     * for a bad input.
     */
    public List<Result> predictEach(List<FaceInput> inputs) {
        return run(inputs, new Exception[inputs.size()]);
    }

    private List<Result> run(List<FaceInput> inputs, Exception[] errors) {
        Preprocessing pre = classifier.preprocessing();
        int per = pre.length();
        int n = inputs.size();
        String[] failures = new String[n];
        float[] t = new float[n * per];
        float[] r = classifier.needsNeutral() ? new float[n * per] : null;
        int good = 0;
        for (int i = 0; i < n; i++) {
            FaceInput in = inputs.get(i);
            try {
                check(in);
                float[] target = pre.load(in.image(), in.box());
                float[] neutral = r == null ? null : pre.load(in.neutral(), in.neutralBox());
                System.arraycopy(target, 0, t, good * per, per);
                if (r != null) {
                    System.arraycopy(neutral, 0, r, good * per, per);
                }
                good++;
            } catch (IOException | RuntimeException e) {
                errors[i] = e;
                failures[i] = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        float[] probs = good == 0 ? new float[0] : classifier.probabilities(new PairedBatch(
                good == n ? t : java.util.Arrays.copyOf(t, good * per),
                r == null ? null : good == n ? r : java.util.Arrays.copyOf(r, good * per),
                new int[good], new int[good], pre.channels(), pre.size()));
        List<String> classes = classifier.labels().names();
        int k = classes.size();
        List<Result> out = new ArrayList<>(n);
        int row = 0;
        for (int i = 0; i < n; i++) {
            String name = inputs.get(i).name();
            if (failures[i] != null) {
                out.add(new Result(name, null, failures[i]));
                continue;
            }
            double[] p = new double[k];
            int best = 0;
            for (int j = 0; j < k; j++) {
                p[j] = probs[row * k + j];
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            row++;
            out.add(new Result(name, new Prediction(name, classes.get(best), p[best], classes, p), null));
        }
        return out;
    }

    /** Class probabilities of a preprocessed batch, row-major (batch × classes), in inference mode. */
    public float[] probabilities(PairedBatch batch) {
        return classifier.probabilities(batch);
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }
}
