package org.fer4j.vision.detect.blazeface;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectorProvider;
import org.fer4j.vision.detect.FaceDetectors;
import org.fer4j.vision.store.ModelStore;

/**
 * {@code --detector blazeface}: BlazeFace from the default model store (never downloaded here: an absent
 * model fails with the install command), with the caller's smallest face side and score applied to what
 * it finds.
 */
public final class BlazeFaceDetectorProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return "blazeface";
    }

    @Override
    public FaceDetector open(FaceDetectors.Options options) {
        BlazeFaceOptions o = BlazeFaceOptions.defaults();
        if (options.minScore() > o.scoreThreshold() && options.minScore() < 1) {
            o = o.withScoreThreshold(options.minScore());
        }
        BlazeFaceDetector detector;
        try {
            detector = BlazeFaceDetector.load(ModelStore.defaultStore(), o);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        int minSide = options.minFaceSide();
        return new FaceDetector() {
            @Override
            public String name() {
                return detector.name();
            }

            @Override
            public List<DetectedFace> detect(BufferedImage image) {
                return detector.detect(image).stream()
                        .filter(f -> Math.max(f.box().width(), f.box().height()) >= minSide).toList();
            }

            @Override
            public void close() {
                detector.close();
            }
        };
    }
}
