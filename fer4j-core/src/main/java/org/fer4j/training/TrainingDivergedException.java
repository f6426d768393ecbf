package org.fer4j.training;

/** The loss became NaN or infinite: training stops, the last good checkpoint is kept. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
