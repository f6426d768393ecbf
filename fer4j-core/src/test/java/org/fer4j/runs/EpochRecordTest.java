package org.fer4j.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.jsonl lines with and without the probes object read back, old ones included. */
class EpochRecordTest {
    @TempDir
    Path dir;

    @Test
    void linesWithoutProbesStillParseAndProbesRoundTrip() throws Exception {
        String old = "{\"fold\":0,\"epoch\":1,\"pace\":0,\"loss\":1.25,\"train_accuracy\":0.5,\"admitted\":40,"
                + "\"losses\":{\"classification\":1.0},\"val_accuracy\":0.4,\"seconds\":2.0}";
        Files.writeString(dir.resolve(RunLog.METRICS), old + "\n", StandardCharsets.UTF_8);
        EpochProbes p = new EpochProbes(Map.of("z_e", 0.9, "z_n", 0.4), Map.of("z_e", 0.3, "z_n", 0.8),
                Map.of("expression", 1.0 / 3, "subject", 0.5));
        new RunLog(dir).append(new EpochRecord(0, 2, 0, 1.0, 0.6, 40, Map.of(), 0.5, null, 2.0).withProbes(p));

        List<EpochRecord> read = RunLog.readEpochs(dir);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).probes()).isNull();
        assertThat(read.get(0).loss()).isEqualTo(1.25);
        assertThat(read.get(1).probes()).isEqualTo(p);
        assertThat(Files.readAllLines(dir.resolve(RunLog.METRICS)).get(1))
                .contains("\"probes\":{\"expression\":{").doesNotContain("null");
    }

    @Test
    void probeScoresOutsideTheUnitIntervalAreRefused() {
        assertThatThrownBy(() -> new EpochProbes(Map.of("z_e", 1.5), Map.of(), Map.of("expression", 0.3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expression.z_e = 1.5");
    }
}
