package org.fer4j.training;

/**
 * Asks a running {@link TrainingLoop} to stop at the next step boundary, from any thread: a signal
 * handler, a server's cancel endpoint, a Spark task being killed. Stopping between steps instead of
 * exiting the process mid-step keeps native code (libtorch's backward, oneDNN) from being torn down
 * under a running kernel, which crashed the JVM on SIGTERM; the checkpoint written at the end of the
 * last completed epoch stays the one {@code --resume} continues from. Add it last to the loop's
 * listeners, so that at an epoch end it acts after the checkpoint is written.
 */
public final class StopRequest implements TrainingListener {
    private volatile String reason;

    /** Requests a stop; the first reason is kept. */
    public void request(String why) {
        if (reason == null) {
            reason = why == null ? "stop requested" : why;
        }
    }

    public boolean requested() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    @Override
    public void onBatchEnd(BatchEnd e) {
        if (reason != null) {
            throw new TrainingStoppedException(reason, e.fold(), e.epoch() + 1, e.batch() + 1, e.batches(), false);
        }
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        if (reason != null) {
            throw new TrainingStoppedException(reason, e.fold(), e.record().epoch(), 0, 0, true);
        }
    }

    /** Training stopped on request; what was saved is intact and resumable. */
    public static final class TrainingStoppedException extends RuntimeException {
        private final String reason;
        private final int fold;
        private final int epoch;
        private final boolean afterCheckpoint;

        TrainingStoppedException(String reason, int fold, int epoch, int batch, int batches, boolean afterCheckpoint) {
            super(reason + ": training stopped " + (afterCheckpoint
                    ? "after epoch " + epoch + " of fold " + fold + ", its checkpoint written"
                    : "at step " + batch + " of " + batches + " in epoch " + epoch + " of fold " + fold
                            + "; the checkpoint of the last completed epoch is intact"));
            this.reason = reason;
            this.fold = fold;
            this.epoch = epoch;
            this.afterCheckpoint = afterCheckpoint;
        }

        public String reason() {
            return reason;
        }

        public int fold() {
            return fold;
        }

        public int epoch() {
            return epoch;
        }

        public boolean afterCheckpoint() {
            return afterCheckpoint;
        }
    }
}
