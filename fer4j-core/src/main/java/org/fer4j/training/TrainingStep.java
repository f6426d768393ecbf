package org.fer4j.training;

import org.fer4j.batches.PairedBatch;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One optimisation step of a model on one batch, returning its named loss terms. The loop around it
 * (epochs, paces, checkpoints, logging) is shared; a method with a different objective — such as the
 * adversarial game — is one more step, not a fork of the loop.
 */
public interface TrainingStep {

    /**
     * Forward, backward and update on {@code batch}; every NDArray must be created in {@code stepManager}.
     */
    StepResult train(NDManager stepManager, PairedBatch batch);

    /**
     * Before epoch {@code epoch}'s first batch (0-based; also the first epoch of a resumed run), e.g. to
     * replace an adversary on a schedule. Must depend only on the epoch and the step's own state.
     */
    default void onEpochStart(int epoch) {
    }

    /** Saves optimizer state (moments, step counts) into {@code dir} for an exact resume. */
    void saveState(Path dir) throws IOException;

    /** Restores what {@link #saveState} wrote. */
    void loadState(Path dir) throws IOException;

    /**
     * @param losses  named loss terms, averaged over the batch; {@code "loss"} is the total that is logged
     * @param correct number of targets classified correctly by the expression head
     */
    record StepResult(Map<String, Double> losses, int correct) {
        public double total() {
            return losses.getOrDefault("loss", Double.NaN);
        }
    }
}
