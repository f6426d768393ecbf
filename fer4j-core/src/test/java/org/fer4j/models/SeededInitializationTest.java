package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.junit.jupiter.api.Test;

/** Initial weights come from the model's own seeded generator, never from the engine's global one. */
class SeededInitializationTest {
    static ModelSpec spec(ModelKind kind) {
        return new ModelSpec(kind, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7);
    }

    static Map<String, float[]> weights(FerModel m) {
        Map<String, float[]> out = new TreeMap<>();
        m.namedParameters().forEach((k, v) -> out.put(k, v.getArray().toFloatArray()));
        return out;
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        for (ModelKind kind : ModelKind.values()) {
            try (FerModel a = FerModel.create(spec(kind), 7); FerModel b = FerModel.create(spec(kind), 7);
                    FerModel c = FerModel.create(spec(kind), 8)) {
                Map<String, float[]> wa = weights(a);
                Map<String, float[]> wb = weights(b);
                Map<String, float[]> wc = weights(c);
                assertThat(wa.keySet()).isEqualTo(wb.keySet());
                wa.forEach((k, v) -> assertThat(wb.get(k)).as(kind + " " + k).containsExactly(v));
                String conv = "backbone.conv1.weight";
                String key = wa.containsKey(conv) ? conv : wa.keySet().stream().filter(k -> k.endsWith("conv1.weight"))
                        .findFirst().orElseThrow();
                assertThat(wc.get(key)).as(kind + " seed 8").isNotEqualTo(wa.get(key));
            }
        }
    }

    @Test
    void creatingAModelLeavesTheEnginesRandomStateAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1234);
            float[] expected = m.randomUniform(0, 1, new Shape(16)).toFloatArray();
            Engine.getInstance().setRandomSeed(1234);
            try (FerModel model = FerModel.create(spec(ModelKind.SPNDL), 99)) {
                assertThat(model.namedParameters()).isNotEmpty();
            }
            float[] after = m.randomUniform(0, 1, new Shape(16)).toFloatArray();
            assertThat(after).containsExactly(expected);
        }
    }

    static double std(float[] v) {
        double mean = 0, sq = 0;
        for (float x : v) {
            mean += x;
            sq += x * x;
        }
        mean /= v.length;
        return Math.sqrt(sq / v.length - mean * mean);
    }

    @Test
    void heNormalDrawsEveryWeightWithFanIn() {
        ModelSpec he = spec(ModelKind.BASELINE).withOptions(Map.of(Initialisation.OPTION, "he-normal"));
        try (FerModel model = FerModel.create(he, 3)) {
            var w = model.namedParameters().get("backbone.layer3.0.conv1.weight").getArray();
            Shape s = w.getShape();
            double expected = Math.sqrt(2.0 / (s.size() / s.get(0)));
            assertThat(std(w.toFloatArray())).isCloseTo(expected, within(0.05 * expected));
            assertThat(model.namedParameters().get("fc.bias").getArray().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void torchvisionIsTheDefault() {
        try (FerModel model = FerModel.create(spec(ModelKind.BASELINE), 3)) {
            var w = model.namedParameters().get("backbone.layer3.0.conv1.weight").getArray();
            Shape s = w.getShape();
            double fanOut = s.get(0) * s.get(2) * s.get(3);
            assertThat(std(w.toFloatArray())).isCloseTo(Math.sqrt(2 / fanOut), within(0.05 * Math.sqrt(2 / fanOut)));
            float[] fc = model.namedParameters().get("fc.weight").getArray().toFloatArray();
            double bound = 1 / Math.sqrt(model.namedParameters().get("fc.weight").getArray().getShape().get(1));
            for (float x : fc) {
                assertThat(Math.abs(x)).isLessThanOrEqualTo((float) bound);
            }
            assertThat(std(fc)).isCloseTo(bound / Math.sqrt(3), within(0.15 * bound));
            assertThat(model.namedParameters().get("fc.bias").getArray().toFloatArray()).doesNotContain(0f);
            assertThat(model.namedParameters().get("backbone.bn1.weight").getArray().toFloatArray()).containsOnly(1f);
        }
    }
}
