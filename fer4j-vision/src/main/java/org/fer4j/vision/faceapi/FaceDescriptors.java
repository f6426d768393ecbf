package org.fer4j.vision.faceapi;

import java.util.Map;
import java.util.Optional;

/**
 * Matching a face against named reference faces by descriptor distance: what enrolment (a person's
 * neutral face picked among stored people) needs. face-api's {@code FaceMatcher} calls two descriptors
 * the same person below a Euclidean distance of 0.6 (dlib's threshold for this network, chosen on LFW).
 */
public final class FaceDescriptors {
    /** face-api's default {@code FaceMatcher} threshold: at or below it two descriptors are taken as one person. */
    public static final double SAME_PERSON_DISTANCE = 0.6;

    private FaceDescriptors() {
    }

    /** The nearest reference and its distance. */
    public record Match(String name, double distance) {
        public Match {
            if (name == null || !(distance >= 0)) {
                throw new IllegalArgumentException("a match needs a name and a distance >= 0: " + name + ", " + distance);
            }
        }

        /** Whether the distance is within face-api's {@link #SAME_PERSON_DISTANCE}. */
        public boolean samePerson() {
            return distance <= SAME_PERSON_DISTANCE;
        }
    }

    /** Euclidean distance between two descriptors. */
    public static double distance(FaceDescriptor a, FaceDescriptor b) {
        return a.distanceTo(b);
    }

    /** The nearest of {@code references} (empty when there are none); ties go to the first in iteration order. */
    public static Optional<Match> nearest(FaceDescriptor query, Map<String, FaceDescriptor> references) {
        Match best = null;
        for (Map.Entry<String, FaceDescriptor> e : references.entrySet()) {
            double d = query.distanceTo(e.getValue());
            if (best == null || d < best.distance()) {
                best = new Match(e.getKey(), d);
            }
        }
        return Optional.ofNullable(best);
    }

    /** The nearest reference within {@code maxDistance} (face-api: {@link #SAME_PERSON_DISTANCE}), or empty: an unknown face. */
    public static Optional<Match> bestMatch(FaceDescriptor query, Map<String, FaceDescriptor> references, double maxDistance) {
        if (!(maxDistance >= 0)) {
            throw new IllegalArgumentException("maximum distance must be >= 0: " + maxDistance);
        }
        return nearest(query, references).filter(m -> m.distance() <= maxDistance);
    }

    /** {@link #bestMatch(FaceDescriptor, Map, double)} at face-api's 0.6. */
    public static Optional<Match> bestMatch(FaceDescriptor query, Map<String, FaceDescriptor> references) {
        return bestMatch(query, references, SAME_PERSON_DISTANCE);
    }
}
