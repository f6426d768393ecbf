package org.fer4j.experiments;

import java.util.List;
import org.fer4j.models.ModelKind;

/**
 * One row of an ablation: a network and whether self-paced learning wraps it (Table 4's
 * baseline / SPL only / NDF only / NDF + SPL, plus the variant without a neutral image).
 */
public record Variant(String name, ModelKind kind, boolean selfPaced) {
    public static List<Variant> spndlAblation() {
        return List.of(new Variant("baseline", ModelKind.BASELINE, false),
                new Variant("SPL only", ModelKind.BASELINE, true),
                new Variant("NDF only", ModelKind.SPNDL, false),
                new Variant("NDF + SPL (SPNDL)", ModelKind.SPNDL, true),
                new Variant("w/o neutral (NDF + SPL)", ModelKind.SPNDL_NO_NEUTRAL, true));
    }
}
