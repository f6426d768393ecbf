package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fer4j.data.Dataset;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.runs.EpochProbes;
import org.fer4j.runs.EpochRecord;
import org.fer4j.runs.RunLog;
import org.fer4j.testing.Fits;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disentanglement curve ({@code probeEvery}): probes in the chosen epochs' records, measured on the
 * validation part only, and a training that is bit for bit the same with them as without them.
 */
class ProbeCurveTest {
    /** 8 subjects × 3 classes × 2 images: subjects 0–3 train, 4–7 validate (2 per probe half). */
    static InMemoryFaces store;
    static int[] train;
    static int[] validation;
    static final TrainConfig CONFIG = new TrainConfig(3, 8, 5e-3, 0.9, 0.999, 7, true, 0.02, 0.5);

    @TempDir
    Path dir;

    @BeforeAll
    static void data() throws Exception {
        store = InMemoryFaces.load(TinyFaces.dataset(8, 2, 5), Preprocessing.rgb(32), true);
        train = IntStream.range(0, 24).toArray();
        validation = IntStream.range(24, 48).toArray();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static ModelSpec adversarial() {
        return new ModelSpec(ModelKind.ADVERSARIAL, 0.125, store.preprocessing(), store.labels());
    }

    private List<EpochRecord> fit(TrainConfig cfg, Path run, TrainingLoop.Options options, Map<String, float[]> lastWeights)
            throws Exception {
        RunLog log = new RunLog(run);
        try (var r = Fits.recorded(adversarial(), cfg, SelfPacedConfig.disabled(), store, log, options)
                .fit(train, validation, new int[0])) {
            assertThat(r.model()).isNotNull();
        }
        if (lastWeights != null) {
            try (FerModel last = FerModel.load(log.lastCheckpoint(0).resolve(RunLog.MODEL), adversarial())) {
                for (Map.Entry<String, Parameter> e : last.namedParameters().entrySet()) {
                    lastWeights.put(e.getKey(), e.getValue().getArray().toFloatArray());
                }
            }
        }
        return RunLog.readEpochs(run);
    }

    @Test
    void probesAppearEveryNthAndLastEpochAndLeaveTrainingBitIdentical() throws Exception {
        Map<String, float[]> off = new java.util.TreeMap<>();
        Map<String, float[]> on = new java.util.TreeMap<>();
        List<EpochRecord> plain = fit(CONFIG, dir.resolve("off"), TrainingLoop.Options.of(0), off);
        List<EpochRecord> probed = fit(CONFIG.withProbeEvery(2), dir.resolve("on"), TrainingLoop.Options.of(0), on);

        assertThat(plain).hasSize(3).allSatisfy(e -> assertThat(e.probes()).isNull());
        assertThat(probed).hasSize(3);
        assertThat(probed.stream().filter(e -> e.probes() != null).map(EpochRecord::epoch)).containsExactly(2, 3);
        for (EpochRecord e : probed.subList(1, 3)) {
            EpochProbes p = e.probes();
            assertThat(p.expression()).containsOnlyKeys("z_e", "z_n");
            assertThat(p.subject()).containsOnlyKeys("z_e", "z_n");
            assertThat(p.chance()).containsOnlyKeys("expression", "subject");
            assertThat(p.expression().values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            assertThat(p.subject().values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            // two scored subjects with equally many images; three balanced classes
            assertThat(p.chance().get("subject")).isEqualTo(0.5);
            assertThat(p.chance().get("expression")).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        }

        for (int i = 0; i < 3; i++) {
            assertThat(probed.get(i).loss()).as("epoch %d loss", i + 1).isEqualTo(plain.get(i).loss());
            assertThat(probed.get(i).losses()).isEqualTo(plain.get(i).losses());
            assertThat(probed.get(i).valAccuracy()).isEqualTo(plain.get(i).valAccuracy());
        }
        assertThat(on.keySet()).isEqualTo(off.keySet()).anyMatch(k -> k.endsWith("running_mean"));
        for (String k : off.keySet()) {
            assertThat(on.get(k)).as(k).containsExactly(off.get(k));
        }

        // a run stopped after one epoch and resumed writes the same records as the uninterrupted one
        Path cut = dir.resolve("cut");
        fit(CONFIG.withProbeEvery(2), cut, TrainingLoop.Options.of(0).withStopAfterEpochs(1), null);
        List<EpochRecord> resumed = fit(CONFIG.withProbeEvery(2), cut, TrainingLoop.Options.of(0).withResume(true), null);
        assertThat(resumed).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(resumed.get(i).withSeconds(0)).isEqualTo(probed.get(i).withSeconds(0));
        }
    }

    @Test
    void theHalvesSplitTheValidationPartBySubject() {
        ProbeCurve curve = ProbeCurve.of(CONFIG.withProbeEvery(1), store, train, validation, 0);
        int[][] first = curve.halves(0);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[][] h = curve.halves(epoch);
            Set<String> a = subjects(h[0]);
            Set<String> b = subjects(h[1]);
            assertThat(a).hasSize(2).doesNotContainAnyElementsOf(b);
            assertThat(b).hasSize(2);
            assertThat(IntStream.concat(Arrays.stream(h[0]), Arrays.stream(h[1])).sorted().toArray())
                    .containsExactly(validation);
            assertThat(h).isDeepEqualTo(first); // fixed by seed and fold: every epoch is probed on the same halves
        }
    }

    @Test
    void probesWithoutAUsableValidationPartAreRefusedWithTheOption() {
        TrainConfig cfg = CONFIG.withProbeEvery(1);
        assertThatThrownBy(() -> Fits.recorded(adversarial(), cfg, SelfPacedConfig.disabled(), store,
                new RunLog(dir.resolve("none")), TrainingLoop.Options.of(0)).fit(train, new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--probe-every 1 needs a validation part").hasMessageContaining("--val-fraction");
        int[] threeSubjects = IntStream.range(24, 42).toArray();
        assertThatThrownBy(() -> ProbeCurve.of(cfg, store, train, threeSubjects, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 4 subjects").hasMessageContaining("has 3");
        int[] overlapping = IntStream.range(18, 48).toArray();
        assertThatThrownBy(() -> ProbeCurve.of(cfg, store, train, overlapping, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validation subject T03 is also a training subject");
        assertThatThrownBy(() -> CONFIG.withProbeEvery(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probeEvery");
    }

    @Test
    void probesAreDueEveryNthEpochAndAtTheLast() {
        TrainConfig cfg = CONFIG.withProbeEvery(3);
        assertThat(IntStream.range(0, 7).filter(e -> cfg.probesAt(e, 7)).toArray()).containsExactly(2, 5, 6);
        assertThat(IntStream.range(0, 7).filter(e -> CONFIG.probesAt(e, 7)).toArray()).isEmpty();
    }

    @Test
    void configJsonLeavesProbeEveryOutWhenOffSoRunsRecordedBeforeItResume() {
        com.fasterxml.jackson.databind.JsonNode off = RunLog.JSON.valueToTree(CONFIG);
        assertThat(off.has("probeEvery")).isFalse();
        assertThat(RunLog.JSON.valueToTree(CONFIG.withProbeEvery(2)).get("probeEvery").asInt()).isEqualTo(2);
        com.fasterxml.jackson.databind.node.ObjectNode recorded = RunLog.JSON.createObjectNode();
        recorded.set("train", off);
        assertThat(org.fer4j.experiments.ResumeCheck.changes(recorded, Map.of("train", CONFIG))).isEmpty();
        assertThat(org.fer4j.experiments.ResumeCheck.changes(recorded, Map.of("train", CONFIG.withProbeEvery(2))))
                .containsExactly("train.probeEvery: not recorded -> 2");
    }

    private static Set<String> subjects(int[] idx) {
        return Arrays.stream(idx).mapToObj(i -> Dataset.subjectOf(store.sample(i))).collect(Collectors.toSet());
    }
}
