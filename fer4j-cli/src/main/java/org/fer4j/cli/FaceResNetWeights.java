package org.fer4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.models.FaceResNet;
import org.fer4j.models.PretrainedWeights;
import org.fer4j.vision.faceapi.FaceRecognitionModel;
import org.fer4j.vision.store.ModelArtifact;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelStore;

/**
 * {@code --backbone face-resnet}'s starting weights: face-api's FaceRecognitionNet trunk from the model store
 * (verified; never downloaded here), converted once per store into a safetensors file under face-api's names
 * ({@code STORE/derived/}), which core's {@link PretrainedWeights} loads into every backbone. Core thus never
 * reads TF.js nor depends on vision.
 */
final class FaceResNetWeights {
    private FaceResNetWeights() {
    }

    /** What the spec records as the weights' origin. */
    static String origin() {
        ModelArtifact a = ModelCatalog.builtIn().get(FaceRecognitionModel.ARTIFACT);
        return a.name() + " (" + a.spec() + ")";
    }

    /** The converted trunk file, written (atomically) from the store's verified TF.js weights. */
    static Path trunkFile(ModelStore store) throws IOException {
        ModelArtifact a = ModelCatalog.builtIn().get(FaceRecognitionModel.ARTIFACT);
        var weights = FaceRecognitionModel.readWeights(store);
        String bin = a.files().stream().filter(f -> f.path().endsWith(".bin")).findFirst().orElseThrow().sha256();
        Path file = store.root().resolve("derived").resolve("face-resnet-" + bin.substring(0, 12) + ".safetensors");
        java.nio.file.Files.createDirectories(file.getParent());
        try (NDManager m = NDManager.newBaseManager()) {
            FaceResNet trunk = new FaceResNet();
            trunk.initialize(m, DataType.FLOAT32, new Shape(1, 3, FaceResNet.SIZE, FaceResNet.SIZE));
            FaceRecognitionModel.copyTrunk(weights, trunk);
            PretrainedWeights.save(trunk, file, Map.of("source", origin(), "converted_by", "fer4j --backbone face-resnet"));
        }
        return file;
    }
}
