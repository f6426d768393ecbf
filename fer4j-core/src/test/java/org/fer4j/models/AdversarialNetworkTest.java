package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adversarial network's outputs, its registry entry, its options and a save → load round trip. */
class AdversarialNetworkTest {
    @TempDir
    Path dir;

    static ModelSpec spec(int size) {
        return new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, Preprocessing.rgb(size), LabelSet.CK_PLUS_7,
                new AdversarialConfig(24, 0.1, 1, AdversarialConfig.Mode.REVERSAL, 0.5, 2).toOptions());
    }

    @Test
    void saveLoadRoundTripKeepsSpecAndEveryOutput() throws Exception {
        ModelSpec spec = spec(36); // not a multiple of 8: the decoder crops
        try (FerModel model = FerModel.create(spec, 3); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(3, 3, 36, 36));
            float[][] before = outputs(model, x);
            assertThat(before[0]).hasSize(3 * 7);
            assertThat(before[1]).hasSize(3 * 24);
            assertThat(before[3]).hasSize(3 * 24);
            assertThat(before[4]).hasSize(3 * 3 * 36 * 36);
            model.save(dir.resolve("m"));
            try (FerModel loaded = FerModel.load(dir.resolve("m"))) {
                assertThat(loaded.spec()).isEqualTo(spec);
                assertThat(AdversarialConfig.of(loaded.spec())).isEqualTo(AdversarialConfig.of(spec));
                float[][] after = outputs(loaded, x);
                for (int i = 0; i < before.length; i++) {
                    assertThat(after[i]).as("output " + i).containsExactly(before[i]);
                }
            }
        }
    }

    /** logits, z_e, adversary logits, z_n, reconstruction (inference mode). */
    private static float[][] outputs(FerModel model, NDArray x) {
        AdversarialNetwork net = (AdversarialNetwork) model.network();
        ParameterStore ps = new ParameterStore(model.manager(), false);
        NDList out = model.forward(ps, new NDList(x), false);
        float[][] r = new float[5][];
        for (int i = 0; i < 4; i++) {
            r[i] = out.get(i).toFloatArray();
        }
        r[4] = net.reconstruct(ps, out.get(1), out.get(3), false).toFloatArray();
        return r;
    }

    @Test
    void namesProbeableRepresentationsAndSeparatesTheAdversary() {
        try (FerModel model = FerModel.create(spec(32), 1)) {
            assertThat(model.network().representations()).containsExactly(Map.entry("z_e", 1), Map.entry("z_n", 3));
            assertThat(model.namedParameters()).containsKeys("encoder.conv1.weight", "encoder.layer4.1.bn2.running_var",
                    "expression_branch.0.weight", "non_expression_branch.2.bias", "classifier.weight",
                    "adversary.0.weight", "adversary.2.weight", "decoder.fc.weight", "decoder.up3.weight");
            assertThat(model.network().backbones()).containsOnlyKeys("encoder");
        }
    }

    @Test
    void badOptionsNameTheValue() {
        assertThatThrownBy(() -> AdversarialConfig.Mode.parse("minimax")).hasMessageContaining("minimax")
                .hasMessageContaining("confusion or reversal");
        assertThatThrownBy(() -> new AdversarialConfig(128, -1, 1, AdversarialConfig.Mode.CONFUSION, 1, 1))
                .hasMessageContaining("--beta1");
        assertThatThrownBy(() -> new AdversarialConfig(128, 0, 1, AdversarialConfig.Mode.CONFUSION, 1, 0))
                .hasMessageContaining("--adversary-steps");
        assertThat(AdversarialConfig.of(new ModelSpec(ModelKind.ADVERSARIAL, 1, Preprocessing.rgb(32),
                LabelSet.CK_PLUS_7))).isEqualTo(AdversarialConfig.defaults());
    }
}
