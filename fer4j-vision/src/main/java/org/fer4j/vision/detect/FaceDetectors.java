package org.fer4j.vision.detect;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The detectors the CLI names ({@code --detector NAME}): every {@link FaceDetectorProvider} on the class
 * path, so adding a detector is a provider class and a line in its services file.
 */
public final class FaceDetectors {
    /**
     * The detector used when none is named: Haar, the one that needs no model download (a branch that
     * adds BlazeFace may prefer it when it is installed).
     */
    public static final String DEFAULT = "haar";

    private static final Map<String, FaceDetectorProvider> OPENERS = new TreeMap<>();

    static {
        for (FaceDetectorProvider p : ServiceLoader.load(FaceDetectorProvider.class, FaceDetectors.class.getClassLoader())) {
            OPENERS.putIfAbsent(p.name(), p);
        }
    }

    private FaceDetectors() {
    }

    /**
     * What every detector understands.
     *
     * @param minFaceSide smallest face side in pixels worth finding (at least 24, the Haar window)
     * @param minScore    faces scoring below it are dropped, in [0, 1]
     */
    public record Options(int minFaceSide, double minScore) {
        public Options {
            if (minFaceSide < 24 || minFaceSide > 12_000) {
                throw new IllegalArgumentException("smallest face side must be in [24, 12000] pixels, got " + minFaceSide);
            }
            if (!(minScore >= 0 && minScore <= 1)) {
                throw new IllegalArgumentException("minimum detection score must be in [0, 1], got " + minScore);
            }
        }

        public static Options defaults() {
            return new Options(24, 0);
        }
    }

    /** The names {@link #open} accepts, sorted. */
    public static List<String> names() {
        return List.copyOf(OPENERS.keySet());
    }

    /** Opens detector {@code name}; an unknown name is an error listing the known ones. */
    public static FaceDetector open(String name, Options options) {
        FaceDetectorProvider opener = OPENERS.get(name);
        if (opener == null) {
            throw new IllegalArgumentException("unknown face detector '" + name + "'; use one of " + String.join(", ", names()));
        }
        return opener.open(options);
    }
}
