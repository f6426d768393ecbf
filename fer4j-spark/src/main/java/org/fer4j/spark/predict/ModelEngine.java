package org.fer4j.spark.predict;

import java.util.Locale;

/**
 * Which runtime an executor runs the model on: fer4j's network on PyTorch (a model folder) or ONNX Runtime
 * (a file written by {@code fer4j export}); the ONNX path never starts DJL's engine, so an executor running
 * it maps no libtorch.
 */
public enum ModelEngine {
    TORCH, ONNX;

    /** {@code torch} or {@code onnx}, as {@code --engine} spells them. */
    public static ModelEngine parse(String name) {
        for (ModelEngine e : values()) {
            if (e.cliName().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown --engine '" + name + "'; use torch or onnx");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
