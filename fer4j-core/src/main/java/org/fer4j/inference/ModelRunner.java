package org.fer4j.inference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import org.fer4j.models.FerModel;
import org.fer4j.models.FoldedNetwork;
import org.fer4j.batches.PairedBatch;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;

/**
 * The one batched forward pass in inference mode (BatchNorm on running statistics) that prediction,
 * evaluation, self-paced scoring and the disentanglement probes all go through, so that they can never
 * disagree on an image. Each call runs in its own sub-manager, whose arrays are freed when it returns
 * (memory stays flat over any number of batches); calls are serialised on the model, so one runner may
 * be shared by many threads (the work before and after the forward — decoding, preprocessing, reading
 * the outputs — is not).
 *
 * <p>BatchNorm folding is a property of the runner, not of its caller: every use of a folded runner
 * sees the folded network. fer4j's own paths run unfolded, so {@code predict}, {@code evaluate} and the
 * recorded predictions give the same probabilities bit for bit.
 */
public final class ModelRunner implements BatchClassifier, AutoCloseable {
    private final FerModel model;
    private final ParameterStore parameters;
    private final NDManager foldedArrays;
    private final FoldedNetwork folded;

    /** An unfolded runner: the model's own network, following its current weights (usable during training). */
    public ModelRunner(FerModel model) {
        this(model, false);
    }

    /**
     * @param foldBatchNorm fold BatchNorm into the convolutions once, now, from the model's current weights
     *                      (equal up to rounding, fewer passes); the model must not be trained further while
     *                      this runner is used
     */
    public ModelRunner(FerModel model, boolean foldBatchNorm) {
        this.model = model;
        this.parameters = new ParameterStore(model.manager(), false);
        this.foldedArrays = foldBatchNorm ? model.manager().newSubManager() : null;
        this.folded = foldBatchNorm ? model.network().foldBatchNorm(foldedArrays).orElse(null) : null;
    }

    /** Whether this runner uses the BatchNorm-folded network. */
    public boolean folded() {
        return folded != null;
    }

    public FerModel model() {
        return model;
    }

    /**
     * Runs {@code batch} (targets, and neutral references when the model needs them) and hands the
     * network's outputs ({@code [logits, features, …]}) to {@code read}, which must copy what it keeps
     * to the heap: the arrays are closed when this returns.
     */
    public <T> T forward(PairedBatch batch, Function<NDList, T> read) {
        synchronized (model) {
            try (NDManager sub = model.manager().newSubManager()) {
                NDList inputs = batch.toInputs(sub, model.needsNeutral());
                NDList outputs = folded != null ? folded.forward(inputs) : model.forward(parameters, inputs, false);
                return read.apply(outputs);
            }
        }
    }

    @Override
    public Preprocessing preprocessing() {
        return model.spec().preprocessing();
    }

    @Override
    public LabelSet labels() {
        return model.spec().labels();
    }

    @Override
    public boolean needsNeutral() {
        return model.needsNeutral();
    }

    @Override
    public String kindName() {
        return model.spec().kind().cliName();
    }

    /** Class probabilities of a batch, row-major (batch × classes). */
    @Override
    public float[] probabilities(PairedBatch batch) {
        return forward(batch, out -> out.get(0).softmax(1).toFloatArray());
    }

    @Override
    public void close() {
        if (foldedArrays != null) {
            foldedArrays.close();
        }
    }
}
