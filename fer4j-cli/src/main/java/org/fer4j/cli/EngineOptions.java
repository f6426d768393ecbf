package org.fer4j.cli;

import picocli.CommandLine.Option;

/** {@code --engine}: which runtime runs a model's forward pass for predict, evaluate, video and serve. */
final class EngineOptions {
    static final String TORCH = "torch";
    static final String ONNX = "onnx";

    @Option(names = "--engine", defaultValue = TORCH, description = "torch: fer4j's network on PyTorch (--model is a model "
            + "folder); onnx: ONNX Runtime on a file written by 'fer4j export' (--model FILE.onnx; libtorch is not loaded) "
            + "(default: ${DEFAULT-VALUE}).")
    String engine;
}
