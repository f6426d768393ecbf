package org.fer4j.vision.faceapi;

import java.util.Arrays;

/**
 * A 128-d face descriptor from face-api's FaceRecognitionNet: two photos of one person lie close in
 * Euclidean distance ({@link FaceDescriptors#SAME_PERSON_DISTANCE}). Immutable; the values are copied in and out.
 */
public record FaceDescriptor(float[] values) {
    /** Width of a descriptor. */
    public static final int SIZE = 128;

    public FaceDescriptor {
        if (values == null || values.length != SIZE) {
            throw new IllegalArgumentException("a face descriptor has " + SIZE + " values, got "
                    + (values == null ? "none" : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("face descriptor value " + i + " is " + values[i]);
            }
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Euclidean distance, as face-api's {@code euclideanDistance}. */
    public double distanceTo(FaceDescriptor other) {
        double s = 0;
        for (int i = 0; i < SIZE; i++) {
            double d = values[i] - other.values[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceDescriptor f && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FaceDescriptor" + Arrays.toString(Arrays.copyOf(values, 4)).replace("]", ", …]");
    }
}
