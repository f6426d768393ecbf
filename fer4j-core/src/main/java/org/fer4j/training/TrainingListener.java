package org.fer4j.training;

import java.io.IOException;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.Predictions;
import org.fer4j.models.FerModel;
import org.fer4j.runs.EpochRecord;

/**
 * Observes one fold's training, so that {@link TrainingLoop#fit} stays the loop and everything around it
 * (run records, checkpoints, the divergence guard, feature dumps, a progress bar) is a listener one
 * can leave out, replace or add to — DJL's {@code TrainingListener} idea, at the granularity of the
 * papers' protocol (epochs and self-paced paces). Listeners run in list order; a listener that throws
 * stops the fit. Events hand out the live model: listeners read or save it, never train or close it.
 */
public interface TrainingListener {

    /** Before the first epoch of this invocation; {@code epochsDone} &gt; 0 when resuming. */
    record FitStart(int fold, int epochsDone, EpochPlan plan) {
    }

    /** Before an epoch's first batch: {@code epoch} is 0-based, {@code batches} how many it runs. */
    record EpochStart(int fold, int epoch, int batches) {
    }

    /**
     * After each training step: the batch's own loss, and the epoch's running means so far.
     * {@code loss} may be non-finite: the divergence guard's cue.
     */
    record BatchEnd(int fold, int epoch, int batch, int batches, double loss, double meanLoss, double meanAccuracy) {
    }

    /**
     * At the end of a pace (also the warm-up, pace 0), before that epoch's {@link EpochEnd}, when the fold
     * has a test part. {@code selection} is the pace's self-paced selection (null for pace 0 or without SPL);
     * {@code test} holds features when a listener {@link #needsFeatures() needs them}.
     */
    record PaceEnd(int fold, int pace, Pace selection, Predictions test, double testAccuracy) {
    }

    /**
     * After an epoch: its record (with validation and, at a pace end, test accuracy), the model and step
     * to save, the loop's position to save beside them, and whether the validation accuracy improved.
     */
    record EpochEnd(int fold, EpochRecord record, FerModel model, TrainingStep step, CheckpointState state,
                    boolean improved) {
    }

    /** After training: the fold's final model (the best on validation) and its test predictions (may be null). */
    record FitEnd(int fold, FerModel model, Predictions test, EvaluationResult testResult) {
    }

    default void onFitStart(FitStart e) throws IOException {
    }

    default void onEpochStart(EpochStart e) {
    }

    default void onBatchEnd(BatchEnd e) {
    }

    default void onPaceEnd(PaceEnd e) throws IOException {
    }

    default void onEpochEnd(EpochEnd e) throws IOException {
    }

    default void onFitEnd(FitEnd e) throws IOException {
    }

    /** Whether this listener reads test-set features, which costs the loop a feature pass. */
    default boolean needsFeatures() {
        return false;
    }
}
