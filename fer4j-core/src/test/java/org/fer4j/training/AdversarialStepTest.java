package org.fer4j.training;

import org.fer4j.runs.RunLog;
import org.fer4j.models.Losses;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.AdversarialConfig;
import org.fer4j.models.AdversarialNetwork;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adversarial game's updates, gradient reversal, the decoder's gradient and an exact resume. */
class AdversarialStepTest {
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

    static ModelSpec spec(double beta1, String mode) {
        return new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, store.preprocessing(), store.labels(),
                new AdversarialConfig(16, beta1, 1, AdversarialConfig.Mode.parse(mode), 0.5, 1).toOptions());
    }

    @Test
    void adversaryAndConfusionLossesMoveInOppositeDirections() {
        try (FerModel model = FerModel.create(spec(0, "confusion"), 5);
             NDManager sub = model.manager().newSubManager()) {
            AdversarialStep step = new AdversarialStep(model, new TrainConfig(1, 8, 2e-2, 0.9, 0.999, 3, false, 0.02, 0.5));
            for (int i = 0; i < 10; i++) { // an adversary that already reads the expression from z_n
                step.play(sub, batch, 1, false);
            }
            Map<String, Double> before = step.measure(sub, batch);
            step.play(sub, batch, 1, false); // the adversary's update only
            Map<String, Double> afterAdversary = step.measure(sub, batch);
            assertThat(afterAdversary.get("adversary")).isLessThan(before.get("adversary"));
            assertThat(afterAdversary.get("confusion")).isGreaterThan(before.get("confusion"));
            step.play(sub, batch, 0, true); // the encoder side's update only
            Map<String, Double> afterEncoder = step.measure(sub, batch);
            assertThat(afterEncoder.get("confusion")).isLessThan(afterAdversary.get("confusion"));
            assertThat(afterEncoder.get("adversary")).isGreaterThan(afterAdversary.get("adversary"));
        }
    }

    @Test
    void gradientReversalIsIdentityForwardAndNegatedScaledBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, -2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = AdversarialStep.reverseGradient(x, 0.5);
                assertThat(y.toFloatArray()).containsExactly(1, -2, 3);
                gc.backward(y.square().sum());
            }
            assertThat(x.getGradient().toFloatArray()).containsExactly(-1, 2, -3); // −0.5 · 2x
        }
    }

    @Test
    void encoderGradientFromTheAdversaryIsNegatedAndScaledUnderReversal() {
        try (FerModel model = FerModel.create(spec(0, "reversal"), 6);
             NDManager sub = model.manager().newSubManager()) {
            AdversarialNetwork net = (AdversarialNetwork) model.network();
            Map<String, float[]> plain = adversaryGradients(model, net, sub, 0);
            Map<String, float[]> reversed = adversaryGradients(model, net, sub, 0.5);
            for (String name : List.of("encoder.conv1.weight", "encoder.layer4.1.conv2.weight",
                    "non_expression_branch.0.weight")) {
                float[] p = plain.get(name);
                float[] r = reversed.get(name);
                assertThat(norm(p)).as(name).isGreaterThan(0);
                for (int i = 0; i < p.length; i++) {
                    assertThat((double) r[i]).as(name).isCloseTo(-0.5 * p[i], offset(1e-6 + 1e-4 * Math.abs(p[i])));
                }
            }
            float[] advPlain = plain.get("adversary.0.weight");
            float[] advReversed = reversed.get("adversary.0.weight");
            for (int i = 0; i < advPlain.length; i++) { // the adversary itself still descends its own loss
                assertThat((double) advReversed[i]).isCloseTo(advPlain[i], offset(1e-6 + 1e-4 * Math.abs(advPlain[i])));
            }
            assertThat(norm(plain.get("expression_branch.0.weight"))).isZero(); // z_e is not on the adversary's path
        }
    }

    /** Gradients of the adversary's cross-entropy alone, read through a reversal of {@code scale} (0 = none). */
    private static Map<String, float[]> adversaryGradients(FerModel model, AdversarialNetwork net, NDManager sub,
                                                           double scale) {
        ParameterStore ps = new ParameterStore(model.manager(), false);
        AdamOptimizer.zeroGradients(model.namedParameters());
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList z = net.encode(ps, batch.toInputs(sub, false).get(0), true);
            NDArray zN = scale == 0 ? z.get(1) : AdversarialStep.reverseGradient(z.get(1), scale);
            gc.backward(Losses.crossEntropyPerSample(net.adversary(ps, zN, true), batch.labelArray(sub)).mean());
        }
        Map<String, float[]> g = new HashMap<>();
        model.namedParameters().forEach((n, p) -> {
            if (p.requiresGradient()) {
                g.put(n, p.getArray().getGradient().toFloatArray());
            }
        });
        AdamOptimizer.zeroGradients(model.namedParameters());
        return g;
    }

    @Test
    void decoderLearnsOnlyWhenBeta1IsPositive() {
        for (double beta1 : new double[] {0, 0.5}) {
            try (FerModel model = FerModel.create(spec(beta1, "confusion"), 7);
                 NDManager sub = model.manager().newSubManager()) {
                Map<String, float[]> before = weights(model);
                AdversarialStep.StepResult r = new AdversarialStep(model, CONFIG).train(sub, batch);
                Map<String, float[]> after = weights(model);
                double decoderChange = change(before, after, AdversarialNetwork.DECODER + ".");
                assertThat(change(before, after, "encoder.")).isGreaterThan(0);
                if (beta1 == 0) {
                    assertThat(r.losses()).doesNotContainKey("rec");
                    for (var e : model.namedParameters().entrySet()) {
                        if (e.getKey().startsWith(AdversarialNetwork.DECODER + ".")) {
                            assertThat(norm(e.getValue().getArray().getGradient().toFloatArray())).as(e.getKey()).isZero();
                        }
                    }
                    assertThat(decoderChange).isZero();
                } else {
                    // Adam's first update is non-zero exactly where the gradient is.
                    assertThat(r.losses()).containsKey("rec");
                    assertThat(decoderChange).isGreaterThan(0);
                }
            }
        }
    }

    static Map<String, float[]> weights(FerModel model) {
        Map<String, float[]> w = new HashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            w.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        return w;
    }

    /** Summed absolute change of the parameters under {@code prefix}, BatchNorm statistics left out (every forward pass moves them). */
    static double change(Map<String, float[]> a, Map<String, float[]> b, String prefix) {
        double sum = 0;
        for (String k : a.keySet()) {
            if (k.startsWith(prefix) && !k.contains("running_")) {
                for (int i = 0; i < a.get(k).length; i++) {
                    sum += Math.abs(a.get(k)[i] - b.get(k)[i]);
                }
            }
        }
        return sum;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        return Math.sqrt(s);
    }

    @Test
    void selfPacedAdversarialRunResumesExactly() throws Exception {
        int[] train = IntStream.range(0, 18).toArray();
        int[] test = IntStream.range(18, store.size()).toArray();
        ModelSpec spec = spec(0.5, "confusion");
        TrainConfig cfg = new TrainConfig(3, 6, 2e-3, 0.9, 0.999, 11, true, 0.02, 0.5);
        SelfPacedConfig spl = new SelfPacedConfig(true, List.of(0.5, 1.0), 1);
        Path cut = ResumeTest.assertResumeMatchesUninterrupted(spec, cfg, spl, store, train, test, 2, dir);
        assertThat(cut.resolve("checkpoints/fold-0/last").resolve(AdversarialStep.ADVERSARY_OPTIMIZER_FILE)).exists();
        assertThat(Files.readString(cut.resolve(RunLog.METRICS))).contains("\"confusion\"", "\"adversary\"", "\"rec\"");
    }
}
