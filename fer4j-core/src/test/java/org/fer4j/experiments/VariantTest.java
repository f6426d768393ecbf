package org.fer4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fer4j.models.AdversarialConfig;
import org.fer4j.models.ModelKind;
import org.junit.jupiter.api.Test;

/** The adversarial ablation's rows, with issue 17's stronger-adversary variants. */
class VariantTest {

    @Test
    void variantsComeAfterThePlainRowsWithTheirSettingsCombined() {
        List<Variant> rows = Variant.adversarialAblation(List.of(0.0), 1, false,
                List.of("raw+identity=0.1", "ensemble=8+steps5", "steps=3"));
        assertThat(rows).extracting(Variant::name).containsExactly("baseline", "adversarial beta1=0 beta2=0",
                "adversarial beta1=0 beta2=1", "adversarial raw+identity=0.1", "adversarial ensemble=8+steps5",
                "adversarial steps=3");
        assertThat(rows.get(3).kind()).isEqualTo(ModelKind.ADVERSARIAL);
        assertThat(rows.get(3).options()).containsEntry(AdversarialConfig.INPUT, "raw")
                .containsEntry(AdversarialConfig.IDENTITY, "0.1").containsEntry(AdversarialConfig.BETA2, "1.0");
        assertThat(rows.get(4).options()).containsEntry(AdversarialConfig.COUNT, "8")
                .containsEntry(AdversarialConfig.RESET, "2").containsEntry(AdversarialConfig.STEPS, "5");
        assertThat(rows.get(5).options()).containsEntry(AdversarialConfig.STEPS, "3");
    }

    @Test
    void unknownOrMisusedVariantsAreNamed() {
        assertThatThrownBy(() -> Variant.adversarialAblation(List.of(0.0), 1, false, List.of("raw+wide")))
                .hasMessageContaining("unknown adversary variant 'wide'");
        assertThatThrownBy(() -> Variant.adversarialAblation(List.of(0.0), 1, false, List.of("raw=2")))
                .hasMessageContaining("'raw' takes no value");
        assertThatThrownBy(() -> Variant.adversarialAblation(List.of(0.0), 1, false, List.of("identity=much")))
                .hasMessageContaining("'much' is not a number");
        assertThatThrownBy(() -> Variant.adversarialAblation(List.of(0.0), 1, false, List.of("raw", "raw")))
                .hasMessageContaining("lists a row twice");
    }
}
