package org.fer4j.vision.detect;

/**
 * A detector {@link FaceDetectors} can open by name, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.fer4j.vision.detect.FaceDetectorProvider}): a new detector is one class
 * and one line there, and this package needs no import of the detectors beside it.
 */
public interface FaceDetectorProvider {
    /** The name {@code --detector} spells. */
    String name();

    FaceDetector open(FaceDetectors.Options options);
}
