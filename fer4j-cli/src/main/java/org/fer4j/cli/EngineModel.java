package org.fer4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.inference.BatchClassifier;
import org.fer4j.inference.ModelRunner;
import org.fer4j.inference.Predictor;
import org.fer4j.models.FerModel;
import org.fer4j.onnx.runtime.OnnxClassifier;

/**
 * A model opened for inference on the engine {@code --engine} names: a fer4j model folder on PyTorch, or
 * an exported ONNX file in ONNX Runtime. Commands see only its {@link BatchClassifier} and
 * {@link Predictor}, so predict, evaluate, video and serve read images and report results the same way
 * on both; the ONNX path never touches DJL's engine.
 */
final class EngineModel implements AutoCloseable {
    private final AutoCloseable owner;
    private final BatchClassifier classifier;
    private final ModelRunner runner;
    private final Map<String, String> provenance;

    private EngineModel(AutoCloseable owner, BatchClassifier classifier, ModelRunner runner, Map<String, String> provenance) {
        this.owner = owner;
        this.classifier = classifier;
        this.runner = runner;
        this.provenance = Map.copyOf(provenance);
    }

    static EngineModel open(String engine, Path model) throws IOException {
        switch (engine) {
            case EngineOptions.TORCH -> {
                if (Files.isRegularFile(model) && model.getFileName().toString().endsWith(".onnx")) {
                    throw new IllegalArgumentException(model + ": an ONNX file; run it with --engine onnx");
                }
                FerModel m = FerModel.load(model);
                ModelRunner runner = new ModelRunner(m);
                return new EngineModel(m, runner, runner, m.provenance());
            }
            case EngineOptions.ONNX -> {
                OnnxClassifier onnx = OnnxClassifier.open(model);
                return new EngineModel(onnx, onnx, null, onnx.info().provenance());
            }
            default -> throw new IllegalArgumentException("unknown --engine '" + engine + "'; use "
                    + EngineOptions.TORCH + " or " + EngineOptions.ONNX);
        }
    }

    BatchClassifier classifier() {
        return classifier;
    }

    /** What the weights were trained on (model.json's {@code trained_on}, or the export's copy of it). */
    Map<String, String> provenance() {
        return provenance;
    }

    Predictor predictor() {
        return new Predictor(classifier);
    }

    @Override
    public void close() throws Exception {
        if (runner != null) {
            runner.close();
        }
        owner.close();
    }
}
