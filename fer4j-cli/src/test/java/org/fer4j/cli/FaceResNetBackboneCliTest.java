package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.models.Backbone;
import org.fer4j.models.BackboneKind;
import org.fer4j.models.FaceResNet;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelSpec;
import org.fer4j.vision.TestModels;
import org.fer4j.vision.faceapi.FaceRecognitionModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backbone face-resnet}: trained from the model store's face-recognition weights, recorded, refused where it cannot work. */
class FaceResNetBackboneCliTest {
    @TempDir
    Path dir;

    @Test
    void spndlNnStartsBothBackbonesFromTheFaceRecognitionWeights() throws Exception {
        TestModels.require(FaceRecognitionModel.ARTIFACT);
        Path out = dir.resolve("run");
        var r = ScaleOptionsCliTest.run(java.util.List.of("train", "--dataset", "synth", "--subjects", "4", "--images-per-class", "1",
                "--image-size", "104", "--batch-size", "8", "--no-spl", "--no-progress", "--val-fraction", "0", "--holdout-folds", "2",
                "--model", "spndl-nn", "--backbone", "face-resnet", "--epochs", "1", "--no-cache", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err() + r.out()).as(r.out()).contains("116 tensors loaded into expression and neutral");
        Map<?, ?> config = new ObjectMapper().readValue(out.resolve("config.json").toFile(), Map.class);
        Map<?, ?> options = (Map<?, ?>) ((Map<?, ?>) config.get("model")).get("options");
        assertThat(options.get("backbone")).isEqualTo("face-resnet");
        assertThat((String) options.get("backbone.weights")).startsWith("faceapi-recognition");
        assertThat(options.get("nn.init.noise")).isEqualTo("0.0");

        // A fresh model of the recorded spec holds exactly face-api's trunk in both backbones.
        ModelSpec spec = FerModel.readSpec(out.resolve("fold-0").resolve("model"));
        assertThat(BackboneKind.of(spec)).isEqualTo(BackboneKind.FACE_RESNET);
        assertThat(spec.preprocessing().std()).containsOnly(1f);
        try (NDManager m = NDManager.newBaseManager();
             FerModel fresh = FerModel.create(spec, 1)) {
            FaceResNet want = new FaceResNet();
            want.initialize(m, DataType.FLOAT32, new Shape(1, 3, FaceResNet.SIZE, FaceResNet.SIZE));
            FaceRecognitionModel.copyTrunk(FaceRecognitionModel.readWeights(TestModels.require(FaceRecognitionModel.ARTIFACT)), want);
            for (Backbone b : fresh.network().trunks().values()) {
                for (Map.Entry<String, Parameter> e : want.namedParameters().entrySet()) {
                    assertThat(b.namedParameters().get(e.getKey()).getArray().toFloatArray()).as(e.getKey())
                            .isEqualTo(e.getValue().getArray().toFloatArray());
                }
            }
        }
        assertThat(Files.list(out.resolve("fold-0").resolve("model")).map(p -> p.getFileName().toString())).contains("model.json");
    }

    @Test
    void whatCannotWorkIsRefusedBeforeTraining() {
        String[] base = {"train", "--dataset", "synth", "--subjects", "4", "--images-per-class", "1", "--no-progress",
                "--epochs", "1", "--out", dir.resolve("x").toString(), "--backbone"};
        var small = CliTest.run(concat(base, "face-resnet", "--model", "baseline"));
        assertThat(small.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(small.err()).contains("--image-size of at least 103");
        var adv = CliTest.run(concat(base, "face-resnet", "--model", "adversarial", "--image-size", "150"));
        assertThat(adv.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(adv.err()).contains("adversarial model is built on resnet18");
        var unknown = CliTest.run(concat(base, "vgg", "--model", "baseline"));
        assertThat(unknown.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown backbone 'vgg'");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }

    static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }
}
