package org.fer4j.models;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which {@link Backbone} a model is built on, recorded as the model option {@value #OPTION} (so in
 * {@code model.json}; a model saved before the option existed has none and is a ResNet-18).
 * {@link #FACE_RESNET} is face-api's face-recognition trunk: architecture only here; its pretrained
 * weights come from fer4j-vision's model store, converted by the command line into a file the spec names
 * ({@link PretrainedWeights#FILE}), so core never depends on vision.
 */
public enum BackboneKind {
    /** torchvision's ResNet-18 at the spec's width multiplier. */
    RESNET18("resnet18"),
    /** face-api's FaceRecognitionNet without its last layer (256 features); width is ignored, inputs of at least 103 px (face-api's 150). */
    FACE_RESNET("face-resnet");

    /** The model option naming the backbone. */
    public static final String OPTION = "backbone";
    private final String id;

    BackboneKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** A fresh, uninitialised backbone of this kind. */
    public Backbone create(double width) {
        return switch (this) {
            case RESNET18 -> new ResNet18(width);
            case FACE_RESNET -> new FaceResNet();
        };
    }

    /** The backbone a spec names; ResNet-18 when it names none. */
    public static BackboneKind of(ModelSpec spec) {
        return parse(spec.option(OPTION, RESNET18.id));
    }

    public static BackboneKind parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        for (BackboneKind k : values()) {
            if (k.id.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown backbone '" + s + "'; expected one of "
                + Arrays.stream(values()).map(BackboneKind::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
