package org.fer4j.training;

import org.fer4j.testing.Fits;
import org.fer4j.runs.RunLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    @TempDir
    Path dir;

    @Test
    void tinyModelOverfitsTinySet() throws Exception {
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(2, 4, 1), Preprocessing.rgb(32), true)) {
            int[] all = IntStream.range(0, store.size()).toArray();
            ModelSpec spec = new ModelSpec(ModelKind.BASELINE, 1.0 / 16, store.preprocessing(), store.labels());
            TrainConfig cfg = new TrainConfig(12, 8, 3e-3, 0.9, 0.999, 7, false, 0.02, 0.5);
            RunLog log = new RunLog(dir);
            try (TrainingLoop.Result r = Fits.recorded(spec, cfg, SelfPacedConfig.disabled(), store, log,
                    TrainingLoop.Options.of(0)).fit(all, new int[0], all)) {
                List<String> lines = Files.readAllLines(dir.resolve(RunLog.METRICS));
                assertThat(lines).hasSize(12);
                ObjectMapper m = new ObjectMapper();
                double first = ((Number) m.readValue(lines.get(0), Map.class).get("loss")).doubleValue();
                double last = ((Number) m.readValue(lines.get(11), Map.class).get("loss")).doubleValue();
                assertThat(last).isLessThan(first * 0.5);
                assertThat(r.test().accuracy()).isEqualTo(1.0);
            }
        }
    }
}
