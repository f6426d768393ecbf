package org.fer4j.training;

import org.fer4j.testing.Fits;
import org.fer4j.runs.RunLog;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.fer4j.data.FaceStore;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted self-paced run resumed from its checkpoint continues the same schedule to the same numbers. */
class ResumeTest {
    @TempDir
    Path dir;

    @Test
    void resumedSelfPacedRunMatchesAnUninterruptedOne() throws Exception {
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(3, 3, 2), Preprocessing.rgb(32), true)) {
            int[] train = IntStream.range(0, 18).toArray();
            int[] test = IntStream.range(18, store.size()).toArray();
            ModelSpec spec = new ModelSpec(ModelKind.SPNDL, 1.0 / 16, store.preprocessing(), store.labels());
            TrainConfig cfg = new TrainConfig(5, 6, 2e-3, 0.9, 0.999, 11, true, 0.02, 0.5);
            SelfPacedConfig spl = new SelfPacedConfig(true, List.of(0.5, 0.75, 1.0), 1);
            Path cut = assertResumeMatchesUninterrupted(spec, cfg, spl, store, train, test, 3, dir);
            assertThat(Files.readAllLines(cut.resolve(RunLog.METRICS))).hasSize(5);
        }
    }

    /**
     * Trains once to the end and once stopped after {@code cutAfter} epochs then resumed, and asserts
     * both give the same pace log and test predictions; returns the resumed run's folder.
     */
    static Path assertResumeMatchesUninterrupted(ModelSpec spec, TrainConfig cfg, SelfPacedConfig spl, FaceStore store,
                                                 int[] train, int[] test, int cutAfter, Path dir) throws Exception {
        float[][] full;
        try (var r = Fits.recorded(spec, cfg, spl, store, new RunLog(dir.resolve("full")),
                TrainingLoop.Options.of(0)).fit(train, new int[0], test)) {
            full = r.testPredictions().probabilities();
        }
        Path cut = dir.resolve("cut");
        try (var r = Fits.recorded(spec, cfg, spl, store, new RunLog(cut),
                TrainingLoop.Options.of(0).withStopAfterEpochs(cutAfter)).fit(train, new int[0], test)) {
            assertThat(r.test()).isNull();
        }
        assertThat(Files.readAllLines(cut.resolve(RunLog.METRICS))).hasSize(cutAfter);
        float[][] resumed;
        try (var r = Fits.recorded(spec, cfg, spl, store, new RunLog(cut),
                TrainingLoop.Options.of(0).withResume(true)).fit(train, new int[0], test)) {
            resumed = r.testPredictions().probabilities();
        }
        assertThat(Files.readAllLines(cut.resolve(RunLog.SPL)))
                .containsExactlyElementsOf(Files.readAllLines(dir.resolve("full").resolve(RunLog.SPL)));
        for (int i = 0; i < full.length; i++) {
            for (int k = 0; k < full[i].length; k++) {
                assertThat((double) resumed[i][k]).isCloseTo(full[i][k], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        return cut;
    }
}
