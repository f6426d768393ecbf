package org.fer4j.inference;

import org.fer4j.batches.PairedBatch;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;

/**
 * Whatever turns preprocessed batches into class probabilities: fer4j's own network ({@link ModelRunner})
 * or another engine running an exported copy of it (ONNX Runtime in {@code fer4j-onnx}). {@link Predictor}
 * and evaluation work on this, so decoding, cropping and reading the results are written once, whichever
 * engine runs the forward pass. Implementations are safe to share between threads.
 */
public interface BatchClassifier {

    /** How images must be cropped, resized and normalised for this model. */
    Preprocessing preprocessing();

    /** The classes of the probabilities, in order. */
    LabelSet labels();

    /** Whether every input needs the subject's neutral reference as well. */
    boolean needsNeutral();

    /** The model's kind as {@code --model} names it (for messages). */
    String kindName();

    /** Class probabilities of a batch, row-major (batch × classes), in inference mode. */
    float[] probabilities(PairedBatch batch);
}
