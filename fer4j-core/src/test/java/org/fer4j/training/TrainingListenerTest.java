package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.runs.EpochRecord;
import org.fer4j.runs.PaceRecord;
import org.fer4j.runs.RunLog;
import org.fer4j.testing.Fits;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit is the loop; what happens around it is a listener one can leave out or add. */
class TrainingListenerTest {
    @TempDir
    Path dir;

    /** Writes down every event it sees, as "kind:epoch". */
    static final class Journal implements TrainingListener {
        final List<String> events = new ArrayList<>();
        final List<EpochRecord> epochs = new ArrayList<>();

        @Override
        public void onFitStart(FitStart e) {
            events.add("fit-start:" + e.epochsDone());
        }

        @Override
        public void onEpochStart(EpochStart e) {
            events.add("epoch-start:" + (e.epoch() + 1));
        }

        @Override
        public void onBatchEnd(BatchEnd e) {
            if (e.batch() + 1 == e.batches()) {
                events.add("last-batch:" + (e.epoch() + 1));
            }
        }

        @Override
        public void onPaceEnd(PaceEnd e) {
            events.add("pace-end:" + e.pace() + (e.selection() == null ? "" : "+selection"));
        }

        @Override
        public void onEpochEnd(EpochEnd e) {
            events.add("epoch-end:" + e.record().epoch());
            epochs.add(e.record());
        }

        @Override
        public void onFitEnd(FitEnd e) {
            events.add("fit-end:" + (e.testResult() != null));
        }
    }

    private static final SelfPacedConfig SPL = new SelfPacedConfig(true, List.of(0.5, 1.0), 1);

    @Test
    void listenersSeeTheLoopInOrderAndOnlyTheyWriteFiles() throws Exception {
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(2, 4, 1), Preprocessing.rgb(32), true)) {
            int[] all = IntStream.range(0, store.size()).toArray();
            ModelSpec spec = new ModelSpec(ModelKind.SPNDL, 1.0 / 16, store.preprocessing(), store.labels());
            TrainConfig cfg = new TrainConfig(3, 8, 1e-3, 0.9, 0.999, 7, false, 0.02, 0.5);
            Journal journal = new Journal();
            RunLog bare = new RunLog(dir.resolve("bare"));
            try (TrainingLoop.Result r = new TrainingLoop(spec, cfg, SPL, store, bare, TrainingLoop.Options.of(0),
                    List.of(journal)).fit(all, new int[0], all)) {
                assertThat(r.test()).isNotNull();
            }
            // warm-up epoch 1 is pace 0; paces 1 (q = 0.5) and 2 (q = 1.0) take one epoch each
            assertThat(journal.events).containsExactly("fit-start:0",
                    "epoch-start:1", "last-batch:1", "pace-end:0", "epoch-end:1",
                    "epoch-start:2", "last-batch:2", "pace-end:1+selection", "epoch-end:2",
                    "epoch-start:3", "last-batch:3", "pace-end:2+selection", "epoch-end:3", "fit-end:true");
            assertThat(journal.epochs).extracting(EpochRecord::pace).containsExactly(0, 1, 2);
            assertThat(journal.epochs).allSatisfy(e -> assertThat(e.testAccuracy()).isNotNull());
            // no recorder, no checkpoints: the loop itself wrote nothing but the fold folder
            assertThat(Files.exists(bare.dir().resolve(RunLog.METRICS))).isFalse();
            assertThat(Files.exists(bare.checkpointDir(0))).isFalse();

            RunLog recorded = new RunLog(dir.resolve("recorded"));
            try (TrainingLoop.Result r = Fits.recorded(spec, cfg, SPL, store, recorded, TrainingLoop.Options.of(0))
                    .fit(all, new int[0], all)) {
                assertThat(r.paces()).hasSize(2);
            }
            // the typed records read back what the listeners saw, key for key
            List<EpochRecord> read = RunLog.readEpochs(recorded.dir());
            assertThat(read).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                    .containsExactlyElementsOf(journal.epochs);
            List<PaceRecord> paces = RunLog.readPaces(recorded.dir());
            assertThat(paces).extracting(PaceRecord::pace).containsExactly(1, 2);
            assertThat(paces.get(0).admitted() + paces.get(0).excludedIds().size()).isEqualTo(all.length);
            assertThat(paces.get(1).excludedIds()).isEmpty();
            assertThat(Files.isDirectory(recorded.lastCheckpoint(0))).isTrue();
            assertThat(Files.isRegularFile(recorded.foldDir(0).resolve(RunLog.EVAL))).isTrue();
        }
    }
}
