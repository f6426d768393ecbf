package org.fer4j.vision.wild;

import java.util.List;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Predictor;

/**
 * What the photo and video paths call to recognise a batch of cropped faces: a fer4j {@link Predictor}
 * (PyTorch or ONNX Runtime) or the pretrained face-api network. One result per input, in order; a bad
 * input is a failed result, never an exception.
 */
public interface FaceClassifier {
    /** Whether each face needs the same person's neutral face (paired SPNDL models). */
    boolean needsNeutral();

    List<Predictor.Result> classify(List<FaceInput> faces);

    /** A predictor's batched forward pass ({@link Predictor#predictEach}). */
    static FaceClassifier of(Predictor predictor, boolean needsNeutral) {
        return new FaceClassifier() {
            @Override
            public boolean needsNeutral() {
                return needsNeutral;
            }

            @Override
            public List<Predictor.Result> classify(List<FaceInput> faces) {
                return predictor.predictEach(faces);
            }
        };
    }
}
