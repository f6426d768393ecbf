/**
 * Running a trained model. {@link org.fer4j.inference.ModelRunner} is the one batched forward that
 * prediction, evaluation, SPL scoring and the probes share; {@link org.fer4j.inference.Predictor} is the
 * embeddable API: thread-safe, {@code AutoCloseable}, and it answers a batch with a result or a
 * per-input failure, never an exception for one bad image.
 */
package org.fer4j.inference;
