package org.fer4j.training.listeners;

import java.nio.file.Path;
import org.fer4j.training.TrainingDivergedException;
import org.fer4j.training.TrainingListener;

/**
 * Stops a fit at the first batch whose loss is not finite, before that epoch is recorded or
 * checkpointed, so the last good checkpoint survives and the message says what to change.
 */
public final class DivergenceGuard implements TrainingListener {
    private final double learningRate;
    private final Path lastGoodCheckpoint;

    /** @param lastGoodCheckpoint named in the message: where the last good state is kept */
    public DivergenceGuard(double learningRate, Path lastGoodCheckpoint) {
        this.learningRate = learningRate;
        this.lastGoodCheckpoint = lastGoodCheckpoint;
    }

    @Override
    public void onBatchEnd(BatchEnd e) {
        if (!Double.isFinite(e.loss())) {
            throw new TrainingDivergedException("loss became " + e.loss() + " in epoch " + (e.epoch() + 1)
                    + " of fold " + e.fold() + "; lower the learning rate (--lr, now " + learningRate
                    + "). The last good checkpoint is kept in " + lastGoodCheckpoint);
        }
    }
}
