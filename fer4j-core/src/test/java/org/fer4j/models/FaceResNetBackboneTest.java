package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.evaluation.Predictions;
import org.fer4j.runs.RunLog;
import org.fer4j.testing.Fits;
import org.fer4j.testing.TinyFaces;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backbone = face-resnet}: the face-recognition trunk under baseline, spndl and spndl-nn, started from
 * a pretrained file (here a seeded random trunk written by {@link PretrainedWeights#save}, standing in for
 * face-api's converted weights, which only fer4j-vision can read), trained, saved, reloaded and predicting.
 */
class FaceResNetBackboneTest {
    static final int SIZE = FaceResNet.MIN_SIZE;
    @TempDir
    Path dir;

    /** A trunk with distinctive weights (not any fresh network's), saved as the pretrained file. */
    static Map<String, float[]> writePretrained(Path file) throws Exception {
        Map<String, float[]> values = new HashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            FaceResNet trunk = new FaceResNet();
            trunk.setInitializer(new SeededInitializer(99), Parameter.Type.WEIGHT);
            trunk.initialize(m, DataType.FLOAT32, new Shape(1, 3, SIZE, SIZE));
            int i = 0;
            for (Map.Entry<String, Parameter> e : trunk.namedParameters().entrySet()) {
                float[] v = e.getValue().getArray().toFloatArray();
                for (int k = 0; k < v.length; k++) {
                    v[k] += 0.01f * ((i + k) % 7 - 3); // scale weights away from 1, biases away from 0
                }
                e.getValue().getArray().set(v);
                values.put(e.getKey(), v);
                i++;
            }
            PretrainedWeights.save(trunk, file, Map.of("source", "test"));
        }
        return values;
    }

    static ModelSpec spec(ModelKind kind, Preprocessing p, org.fer4j.data.LabelSet labels, Path pretrained) {
        return new ModelSpec(kind, 1.0 / 16, p, labels, Map.of(BackboneKind.OPTION, BackboneKind.FACE_RESNET.id(),
                PretrainedWeights.FILE, pretrained.toString(), TwoBackboneNetwork.INIT_NOISE, "0"));
    }

    @Test
    void everyTrunkStartsFromThePretrainedWeights() throws Exception {
        Path file = dir.resolve("trunk.safetensors");
        Map<String, float[]> want = writePretrained(file);
        for (ModelKind kind : List.of(ModelKind.BASELINE, ModelKind.SPNDL, ModelKind.SPNDL_NO_NEUTRAL)) {
            try (FerModel m = FerModel.create(spec(kind, Preprocessing.rgb(SIZE), org.fer4j.data.LabelSet.CK_PLUS_7, file), 3)) {
                Map<String, Backbone> trunks = m.network().trunks();
                assertThat(trunks).hasSize(kind == ModelKind.SPNDL_NO_NEUTRAL ? 2 : 1);
                assertThat(m.pretrainedReport().complete()).isTrue();
                assertThat(m.pretrainedReport().loaded()).hasSize(want.size());
                for (Backbone b : trunks.values()) {
                    assertThat(b).isInstanceOf(FaceResNet.class);
                    assertThat(b.namedParameters()).hasSize(want.size());
                    for (Map.Entry<String, Parameter> e : b.namedParameters().entrySet()) {
                        assertThat(e.getValue().getArray().toFloatArray()).as("%s %s", kind, e.getKey()).isEqualTo(want.get(e.getKey()));
                    }
                }
                assertThat(m.network().backbones()).isEmpty();
                assertThat(m.network().foldBatchNorm(m.manager())).isEmpty();
            }
        }
    }

    @Test
    void trainsSavesReloadsAndPredictsTheSame() throws Exception {
        Path file = dir.resolve("trunk.safetensors");
        writePretrained(file);
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(3, 2, 5), Preprocessing.rgb(SIZE), true)) {
            int[] all = IntStream.range(0, store.size()).toArray();
            ModelSpec spec = spec(ModelKind.SPNDL_NO_NEUTRAL, store.preprocessing(), store.labels(), file);
            TrainConfig cfg = new TrainConfig(1, 6, 2e-3, 0.9, 0.999, 5, true, 0.02, 0.5);
            try (var trained = Fits.recorded(spec, cfg, SelfPacedConfig.disabled(), store, new RunLog(dir.resolve("run")),
                    TrainingLoop.Options.of(0)).fit(all, new int[0], new int[0])) {
                float[][] before = Predictions.of(trained.model(), store, all, all.length, false).probabilities();
                trained.model().save(dir.resolve("model"));
                String json = Files.readString(dir.resolve("model").resolve(FerModel.SPEC_FILE));
                assertThat(json).contains("\"backbone\" : \"face-resnet\"");
                try (FerModel loaded = FerModel.load(dir.resolve("model"))) {
                    assertThat(BackboneKind.of(loaded.spec())).isEqualTo(BackboneKind.FACE_RESNET);
                    assertThat(loaded.network().trunks().values()).allMatch(b -> b instanceof FaceResNet);
                    float[][] after = Predictions.of(loaded, store, all, all.length, false).probabilities();
                    assertThat(after).isDeepEqualTo(before);
                }
                // Training moved the trunk off the pretrained weights.
                float[] stem = trained.model().network().trunks().get("expression").namedParameters()
                        .get("conv32_down/conv/filters").getArray().toFloatArray();
                try (SafeTensorsFile st = new SafeTensorsFile(file)) {
                    assertThat(stem).isNotEqualTo(st.floats("conv32_down/conv/filters"));
                }
            }
        }
    }

    @Test
    void aSpecWithoutTheOptionIsResNet18AndTinyInputsAreRefused() throws Exception {
        ModelSpec old = new ModelSpec(ModelKind.BASELINE, 1.0 / 16, Preprocessing.rgb(32), org.fer4j.data.LabelSet.CK_PLUS_7);
        assertThat(BackboneKind.of(old)).isEqualTo(BackboneKind.RESNET18);
        try (FerModel m = FerModel.create(old, 1)) {
            assertThat(m.network().trunks().get("backbone")).isInstanceOf(ResNet18.class);
        }
        assertThat(FaceResNet.fits(FaceResNet.MIN_SIZE)).isTrue();
        assertThat(FaceResNet.fits(FaceResNet.MIN_SIZE - 1)).isFalse();
        assertThat(FaceResNet.fits(FaceResNet.SIZE)).isTrue();
        ModelSpec tiny = new ModelSpec(ModelKind.BASELINE, 1.0 / 16, Preprocessing.rgb(102), org.fer4j.data.LabelSet.CK_PLUS_7,
                Map.of(BackboneKind.OPTION, "face-resnet"));
        assertThatThrownBy(() -> FerModel.create(tiny, 1)).hasMessageContaining("at least 103");
        ModelSpec adversarial = new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, Preprocessing.rgb(64), org.fer4j.data.LabelSet.CK_PLUS_7,
                Map.of(BackboneKind.OPTION, "face-resnet"));
        assertThatThrownBy(() -> FerModel.create(adversarial, 1)).hasMessageContaining("ResNet-18 only");
        assertThatThrownBy(() -> BackboneKind.parse("vgg")).hasMessageContaining("resnet18, face-resnet");
    }

    /** Reads one tensor back through core's own reader. */
    private record SafeTensorsFile(org.fer4j.models.weights.SafeTensors st) implements AutoCloseable {
        SafeTensorsFile(Path file) throws java.io.IOException {
            this(org.fer4j.models.weights.SafeTensors.open(file));
        }

        float[] floats(String name) throws java.io.IOException {
            return st.readFloats(name);
        }

        @Override
        public void close() throws java.io.IOException {
            st.close();
        }
    }
}
