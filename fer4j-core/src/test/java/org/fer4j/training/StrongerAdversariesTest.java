package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedBatch;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.AdversarialConfig;
import org.fer4j.models.AdversarialConfig.Adversaries;
import org.fer4j.models.AdversarialConfig.Architecture;
import org.fer4j.models.AdversarialNetwork;
import org.fer4j.models.FerModel;
import org.fer4j.models.Losses;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's stronger adversaries: ensembles with their own optimizers, scheduled replacement,
 * linear/deep/raw-input forms, and the identity-keeping term on z_n.
 */
class StrongerAdversariesTest {
    static InMemoryFaces store;
    static PairedBatch batch;
    static final TrainConfig CONFIG = new TrainConfig(1, 8, 5e-3, 0.9, 0.999, 3, false, 0.02, 0.5);

    @TempDir
    Path dir;

    @BeforeAll
    static void data() throws Exception {
        store = InMemoryFaces.load(TinyFaces.dataset(3, 3, 4), Preprocessing.rgb(32), true);
        batch = new BatchAssembler(store, false, null).assemble(IntStream.range(0, 12).toArray(), null);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static ModelSpec spec(Adversaries adversaries, double identity) {
        return new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, store.preprocessing(), store.labels(),
                new AdversarialConfig(16, 0, 1, AdversarialConfig.Mode.CONFUSION, 1, 1, adversaries, identity).toOptions());
    }

    @Test
    void settingsRoundTripThroughTheSpecAndOldSpecsStayTheSame() {
        AdversarialConfig old = new AdversarialConfig(16, 0, 1, AdversarialConfig.Mode.CONFUSION, 1, 1);
        assertThat(old.toOptions()).containsOnlyKeys(AdversarialConfig.Z_SIZE, AdversarialConfig.BETA1,
                AdversarialConfig.BETA2, AdversarialConfig.MODE, AdversarialConfig.LAMBDA, AdversarialConfig.STEPS);
        ModelSpec s = spec(new Adversaries(3, 2, Architecture.DEEP, 1e-3, false), 0.5);
        AdversarialConfig back = AdversarialConfig.of(s);
        assertThat(back.adversaries()).isEqualTo(new Adversaries(3, 2, Architecture.DEEP, 1e-3, false));
        assertThat(back.identityWeight()).isEqualTo(0.5);
        assertThatThrownBy(() -> new Adversaries(0, 0, Architecture.MLP, 0, true)).hasMessageContaining("--adversaries");
        assertThatThrownBy(() -> new Adversaries(1, -1, Architecture.MLP, 0, true)).hasMessageContaining("--adversary-reset");
        assertThatThrownBy(() -> Architecture.parse("wide")).hasMessageContaining("linear, mlp or deep");
        assertThatThrownBy(() -> AdversarialConfig.standardisedInput("scaled")).hasMessageContaining("standardised or raw");
        assertThatThrownBy(() -> new AdversarialConfig(16, 0, 1, AdversarialConfig.Mode.CONFUSION, 1, 1,
                Adversaries.single(), Double.NaN)).hasMessageContaining("--identity-weight");
    }

    @Test
    void anEnsembleHasOneNamedAdversaryPerMemberInTheAskedForm() {
        try (FerModel deep = FerModel.create(spec(new Adversaries(3, 0, Architecture.DEEP, 0, true), 0), 1);
             FerModel linearRaw = FerModel.create(spec(new Adversaries(1, 0, Architecture.LINEAR, 0, false), 0), 1)) {
            Map<String, Parameter> d = deep.namedParameters();
            assertThat(d).containsKeys("adversary.0.weight", "adversary.4.weight", "adversary_1.2.weight", "adversary_2.4.weight");
            assertThat(d.keySet()).noneMatch(k -> k.startsWith("adversary_3"));
            assertThat(((AdversarialNetwork) deep.network()).adversaryCount()).isEqualTo(3);
            Map<String, Parameter> l = linearRaw.namedParameters();
            assertThat(l.get("adversary.0.weight").getArray().getShape().get(0)).isEqualTo(store.labels().size());
            assertThat(l.keySet()).noneMatch(k -> k.startsWith("adversary.2") || k.startsWith("adversary.norm"));
        }
        assertThat(AdversarialNetwork.adversaryOf("adversary.0.weight")).isZero();
        assertThat(AdversarialNetwork.adversaryOf("adversary_12.2.bias")).isEqualTo(12);
        assertThat(AdversarialNetwork.adversaryOf("encoder.conv1.weight")).isEqualTo(-1);
    }

    @Test
    void theAdversaryUpdateMovesEveryMemberAndNothingElse() {
        try (FerModel model = FerModel.create(spec(new Adversaries(2, 0, Architecture.MLP, 0, true), 0), 5);
             NDManager sub = model.manager().newSubManager()) {
            AdversarialStep step = new AdversarialStep(model, CONFIG);
            Map<String, float[]> before = AdversarialStepTest.weights(model);
            step.play(sub, batch, 1, false);
            Map<String, float[]> after = AdversarialStepTest.weights(model);
            assertThat(AdversarialStepTest.change(before, after, "adversary.")).isGreaterThan(0);
            assertThat(AdversarialStepTest.change(before, after, "adversary_1.")).isGreaterThan(0);
            assertThat(AdversarialStepTest.change(before, after, "encoder.")).isZero();
            assertThat(AdversarialStepTest.change(before, after, "non_expression_branch.")).isZero();
        }
    }

    @Test
    void theEncoderUpdateUnderConfusionLeavesEveryAdversaryAlone() {
        try (FerModel model = FerModel.create(spec(new Adversaries(3, 0, Architecture.DEEP, 0, true), 0), 5);
             NDManager sub = model.manager().newSubManager()) {
            AdversarialStep step = new AdversarialStep(model, CONFIG);
            Map<String, float[]> before = AdversarialStepTest.weights(model);
            step.play(sub, batch, 0, true);
            Map<String, float[]> after = AdversarialStepTest.weights(model);
            assertThat(AdversarialStepTest.change(before, after, "adversary")).isZero();
            assertThat(AdversarialStepTest.change(before, after, "encoder.")).isGreaterThan(0);
            assertThat(AdversarialStepTest.change(before, after, "non_expression_branch.")).isGreaterThan(0);
        }
    }

    @Test
    void oneAdversaryIsReplacedInTurnOnScheduleAndTheSameSeedReplacesAlike() {
        Map<String, float[]> first = null;
        for (int run = 0; run < 2; run++) {
            try (FerModel model = FerModel.create(spec(new Adversaries(2, 2, Architecture.MLP, 0, true), 0), 5);
                 NDManager sub = model.manager().newSubManager()) {
                AdversarialStep step = new AdversarialStep(model, CONFIG);
                step.play(sub, batch, 3, false);
                Map<String, float[]> w0 = AdversarialStepTest.weights(model);
                step.onEpochStart(0);
                step.onEpochStart(1);
                step.onEpochStart(3);
                assertThat(AdversarialStepTest.change(w0, AdversarialStepTest.weights(model), "adversary")).as("no reset off schedule").isZero();
                step.onEpochStart(2);
                Map<String, float[]> w2 = AdversarialStepTest.weights(model);
                assertThat(AdversarialStepTest.change(w0, w2, "adversary.")).isGreaterThan(0);
                assertThat(w2.get("adversary.norm.running_var")).containsOnly(1f);
                assertThat(AdversarialStepTest.change(w0, w2, "adversary_1.")).isZero();
                assertThat(AdversarialStepTest.change(w0, w2, "encoder.")).isZero();
                step.onEpochStart(4);
                Map<String, float[]> w4 = AdversarialStepTest.weights(model);
                assertThat(AdversarialStepTest.change(w2, w4, "adversary.")).isZero();
                assertThat(AdversarialStepTest.change(w2, w4, "adversary_1.")).isGreaterThan(0);
                // nn.Linear's draw: uniform within ±1/√fan_in
                float[] fresh = w4.get("adversary_1.0.weight");
                double bound = 1 / Math.sqrt(16);
                for (float v : fresh) {
                    assertThat((double) Math.abs(v)).isLessThanOrEqualTo(bound);
                }
                if (first == null) {
                    first = w4;
                } else {
                    for (String k : first.keySet()) {
                        assertThat(w4.get(k)).as(k).containsExactly(first.get(k));
                    }
                }
            }
        }
    }

    @Test
    void anEnsembleWithReplacementResumesExactly() throws Exception {
        int[] train = IntStream.range(0, 18).toArray();
        int[] test = IntStream.range(18, store.size()).toArray();
        ModelSpec spec = spec(new Adversaries(2, 1, Architecture.LINEAR, 1e-2, true), 0.5);
        TrainConfig cfg = new TrainConfig(3, 6, 2e-3, 0.9, 0.999, 11, true, 0.02, 0.5);
        Path cut = ResumeTest.assertResumeMatchesUninterrupted(spec, cfg, new SelfPacedConfig(true, List.of(0.5, 1.0), 1),
                store, train, test, 2, dir);
        assertThat(cut.resolve("checkpoints/fold-0/last").resolve(AdversarialStep.adversaryOptimizerFile(1))).exists();
        assertThat(java.nio.file.Files.readString(cut.resolve(org.fer4j.runs.RunLog.METRICS))).contains("\"identity\"");
    }

    @Test
    void theIdentityTermNeedsSubjectsAndIsLoggedWhenItHasThem() {
        try (FerModel model = FerModel.create(spec(Adversaries.single(), 1), 5);
             NDManager sub = model.manager().newSubManager()) {
            assertThatThrownBy(() -> new AdversarialStep(model, CONFIG, null)).hasMessageContaining("--identity-weight");
            assertThatCode(() -> new AdversarialStep(model, CONFIG, new int[store.size()])).doesNotThrowAnyException();
            TrainingStep step = TrainingSteps.forModel(model, CONFIG, store);
            TrainingStep.StepResult r = step.train(sub, batch);
            assertThat(r.losses()).containsKey("identity");
            assertThat(r.losses().get("identity")).isPositive().isFinite();
        }
    }

    @Test
    void subjectContrastiveLossIsTheMeanNegativeLogProbabilityOfTheSameSubject() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(new float[] {2, 0, 1, 0, 0, 3}, new ai.djl.ndarray.types.Shape(3, 2));
            // row 0 and 1 are subject 0 (cosine 1), row 2 another (cosine 0); τ = 0.1
            double expected = Math.log(1 + Math.exp(-10));
            assertThat((double) Losses.subjectContrastive(z, new int[] {0, 0, 1}, 0.1).getFloat())
                    .isCloseTo(expected, offset(1e-6));
            assertThat(Losses.subjectContrastive(z, new int[] {0, 1, 2}, 0.1)).isNull();
            assertThat(Losses.subjectContrastive(z, new int[] {-1, -1, 1}, 0.1)).isNull();
            // minimising it draws a subject's images together
            NDArray y = m.create(new float[] {1, 0, 0, 1, 1, 1}, new ai.djl.ndarray.types.Shape(3, 2));
            y.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Losses.subjectContrastive(y, new int[] {0, 0, 1}, 0.5));
            }
            float[] moved = y.sub(y.getGradient().mul(0.1f)).toFloatArray();
            assertThat(cosine(moved, 0, 1)).isGreaterThan(cosine(y.toFloatArray(), 0, 1));
        }
    }

    private static double cosine(float[] rows, int i, int j) {
        double dot = rows[2 * i] * rows[2 * j] + rows[2 * i + 1] * rows[2 * j + 1];
        return dot / Math.hypot(rows[2 * i], rows[2 * i + 1]) / Math.hypot(rows[2 * j], rows[2 * j + 1]);
    }
}
