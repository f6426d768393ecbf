package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.junit.jupiter.api.Test;

/** The registry is the one place a model kind is described: its flags must agree with what it builds. */
class ModelRegistryTest {

    @Test
    void eachDefinitionsNeutralFlagMatchesTheNetworkItBuilds() {
        for (ModelKind kind : ModelKind.values()) {
            ModelSpec spec = new ModelSpec(kind, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7);
            ExpressionNetwork net = kind.definition().network(spec);
            assertThat(net.needsNeutral()).as(kind.cliName()).isEqualTo(kind.needsNeutral());
        }
    }

    @Test
    void cliNamesAreUniqueAndParseBack() {
        assertThat(Arrays.stream(ModelKind.values()).map(ModelKind::cliName).distinct().count())
                .isEqualTo(ModelKind.values().length);
        for (ModelKind kind : ModelKind.values()) {
            assertThat(ModelKind.parse(kind.cliName())).isEqualTo(kind);
            assertThat(ModelKind.parse(kind.name())).isEqualTo(kind);
        }
        assertThatThrownBy(() -> ModelKind.parse("resnet50")).hasMessageContaining("unknown model 'resnet50'")
                .hasMessageContaining("spndl");
    }

    @Test
    void onlyTheAdversarialModelTrainsAdversariallyAndIsProbedByDefault() {
        for (ModelKind kind : ModelKind.values()) {
            ModelDefinition d = kind.definition();
            assertThat(d.objective() == ModelDefinition.Objective.ADVERSARIAL).as(kind.cliName())
                    .isEqualTo(kind == ModelKind.ADVERSARIAL);
            assertThat(d.probedByDefault()).as(kind.cliName()).isEqualTo(kind == ModelKind.ADVERSARIAL);
        }
    }

    @Test
    void anAdversarialModelReconstructsOnlyWhenItsDecoderIsTrained() {
        ModelDefinition adv = ModelKind.ADVERSARIAL.definition();
        ModelSpec off = new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7,
                Map.of(AdversarialConfig.BETA1, "0"));
        ModelSpec on = new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7,
                Map.of(AdversarialConfig.BETA1, "0.5"));
        assertThat(adv.reconstructs(off)).isFalse();
        assertThat(adv.reconstructs(on)).isTrue();
        assertThat(ModelKind.SPNDL.definition().reconstructs(on)).isFalse();
    }
}
