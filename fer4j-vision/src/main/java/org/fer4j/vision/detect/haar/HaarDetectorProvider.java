package org.fer4j.vision.detect.haar;

import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectorProvider;
import org.fer4j.vision.detect.FaceDetectors;

/** {@code --detector haar}. */
public final class HaarDetectorProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return "haar";
    }

    @Override
    public FaceDetector open(FaceDetectors.Options options) {
        return HaarDetector.open(options.minFaceSide(), options.minScore());
    }
}
