package org.fer4j.training;

import org.fer4j.testing.Fits;
import org.fer4j.runs.RunLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceStore;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.ForwardingFaces;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to training fails with a message naming the problem, and never damages what was written. */
class BadTrainingInputTest {
    @TempDir
    Path dir;

    private static final TrainConfig CONFIG = new TrainConfig(3, 6, 2e-3, 0.9, 0.999, 5, false, 0.02, 0.5);

    @Test
    void nanLossStopsTrainingAndKeepsTheLastGoodCheckpoint() throws Exception {
        try (InMemoryFaces faces = InMemoryFaces.load(TinyFaces.dataset(2, 3, 1), Preprocessing.rgb(32), true)) {
            AtomicBoolean poison = new AtomicBoolean(false);
            FaceStore store = new PoisonedFaces(faces, poison);
            int[] train = IntStream.range(0, store.size()).toArray();
            ModelSpec spec = new ModelSpec(ModelKind.BASELINE, 1.0 / 16, store.preprocessing(), store.labels());
            RunLog log = new RunLog(dir);
            try (var r = Fits.recorded(spec, CONFIG, SelfPacedConfig.disabled(), store, log,
                    TrainingLoop.Options.of(0).withStopAfterEpochs(1)).fit(train, new int[0], train)) {
                assertThat(r.test()).isNull();
            }
            Path last = log.checkpointDir(0).resolve("last");
            byte[] weightsBefore = Files.readAllBytes(last.resolve("model").resolve(FerModel.WEIGHTS_FILE));

            poison.set(true);
            assertThatThrownBy(() -> Fits.recorded(spec, CONFIG, SelfPacedConfig.disabled(), store, log,
                    TrainingLoop.Options.of(0).withResume(true)).fit(train, new int[0], train))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("epoch 2").hasMessageContaining("--lr").hasMessageContaining(last.toString());

            assertThat(CheckpointState.read(last).epochsDone()).isEqualTo(1);
            assertThat(Files.readAllBytes(last.resolve("model").resolve(FerModel.WEIGHTS_FILE))).isEqualTo(weightsBefore);
            assertThat(Files.readAllLines(log.dir().resolve(RunLog.METRICS))).hasSize(1);
            try (FerModel reloaded = FerModel.load(last.resolve("model"))) {
                assertThat(reloaded.spec()).isEqualTo(spec);
            }
        }
    }

    @Test
    void checkpointOfAnotherArchitectureIsRefusedByName() throws Exception {
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(2, 2, 3), Preprocessing.rgb(32), true)) {
            int[] train = IntStream.range(0, store.size()).toArray();
            ModelSpec narrow = new ModelSpec(ModelKind.BASELINE, 1.0 / 16, store.preprocessing(), store.labels());
            ModelSpec wide = new ModelSpec(ModelKind.BASELINE, 1.0 / 8, store.preprocessing(), store.labels());
            RunLog log = new RunLog(dir);
            Fits.recorded(narrow, CONFIG, SelfPacedConfig.disabled(), store, log,
                    TrainingLoop.Options.of(0).withStopAfterEpochs(1)).fit(train, new int[0], train).close();
            Path model = log.checkpointDir(0).resolve("last").resolve("model");

            assertThatThrownBy(() -> Fits.recorded(wide, CONFIG, SelfPacedConfig.disabled(), store, log,
                    TrainingLoop.Options.of(0).withResume(true)).fit(train, new int[0], train))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("width 0.0625").hasMessageContaining("width 0.125")
                    .hasMessageContaining("same options");
            assertThatThrownBy(() -> FerModel.load(model, wide))
                    .hasMessageContaining(FerModel.WEIGHTS_FILE).hasMessageContaining("another architecture");
            // the refused resume left the checkpoint usable
            assertThat(CheckpointState.read(log.checkpointDir(0).resolve("last")).epochsDone()).isEqualTo(1);
            FerModel.load(model).close();
        }
    }

    @Test
    void emptyDatasetsAndEmptyClassesAreNamed() {
        Dataset tiny = TinyFaces.dataset(2, 1, 1);
        assertThatThrownBy(() -> tiny.filter(s -> false).requireTrainable()).hasMessageContaining("tiny is empty");
        Dataset noSadness = tiny.filter(s -> s.label() != Emotion.SADNESS);
        assertThatThrownBy(noSadness::requireTrainable).hasMessageContaining("'sadness' has no samples");
        assertThatThrownBy(() -> new Dataset("x", new LabelSet(List.of(Emotion.HAPPINESS, Emotion.FEAR)), tiny.samples(), List.of()))
                .hasMessageContaining("not one of its classes");
    }

    @Test
    void selfPacedScheduleAndClassSizesAreChecked() {
        assertThatThrownBy(() -> new SelfPacedConfig(true, List.of(0.5, 0.9), 1)).hasMessageContaining("end at 1.0");
        assertThatThrownBy(() -> new SelfPacedConfig(true, List.of(0.6, 0.6, 1.0), 1)).hasMessageContaining("increasing");
        SelfPacedScheduler scheduler = new SelfPacedScheduler(new SelfPacedConfig(true, List.of(0.25, 0.5, 0.75, 1.0), 1),
                new LabelSet(List.of(Emotion.HAPPINESS, Emotion.SADNESS)));
        assertThatThrownBy(() -> scheduler.checkClassSizes(new int[] {0, 0, 0, 0, 1, 1}))
                .hasMessageContaining("sadness");
        assertThatThrownBy(() -> new EpochPlan(4, new SelfPacedConfig(true, List.of(0.5, 0.75, 1.0), 2)))
                .hasMessageContaining("at least 5 epochs");
    }

    @Test
    void pairedTrainingDropsTargetsWithoutANeutralAndSaysHowMany() {
        Dataset tiny = TinyFaces.dataset(3, 1, 1);
        List<Sample> samples = tiny.samples().stream()
                .map(s -> s.subject().equals("T00") ? s.withNeutral(null, null) : s).toList();
        Dataset partial = new Dataset("tiny", tiny.labels(), samples, List.of());
        List<String> warnings = new ArrayList<>();
        Dataset kept = partial.withNeutralReferences(false, warnings::add);
        assertThat(kept.size()).isEqualTo(6);
        assertThat(warnings).singleElement().asString().contains("dropped 3 of 9 targets").contains("T00_");
        assertThatThrownBy(() -> partial.withNeutralReferences(true, w -> { }))
                .hasMessageContaining("3 of 9").hasMessageContaining("strict");
        Dataset none = new Dataset("tiny", tiny.labels(),
                tiny.samples().stream().map(s -> s.withNeutral(null, null)).toList(), List.of());
        assertThatThrownBy(() -> none.withNeutralReferences(false, w -> { }))
                .hasMessageContaining("spndl-nn");
        assertThat(tiny.withNeutralReferences(true, w -> { })).isSameAs(tiny);
    }

    /** Real faces, but NaN pixels once poisoned: the trainer must notice the NaN loss. */
    private static final class PoisonedFaces extends ForwardingFaces {
        private final AtomicBoolean poison;

        PoisonedFaces(FaceStore base, AtomicBoolean poison) {
            super(base);
            this.poison = poison;
        }

        @Override
        public void target(int index, float[] dst, int offset) {
            base.target(index, dst, offset);
            if (poison.get()) {
                Arrays.fill(dst, offset, offset + preprocessing().length(), Float.NaN);
            }
        }
    }
}
