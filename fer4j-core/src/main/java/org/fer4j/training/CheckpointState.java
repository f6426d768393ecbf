package org.fer4j.training;

import org.fer4j.runs.RunLog;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The loop's position saved beside each checkpoint: epochs done, the best validation accuracy so far,
 * and the self-paced schedule's state (current pace with λ_k and admitted indices), so a resumed run
 * continues the same schedule.
 */
public record CheckpointState(int epochsDone, double bestValidation, int bestEpoch, Pace pace, int[] admitted) {
    static final String FILE = "state.json";

    public static CheckpointState fresh() {
        return new CheckpointState(0, -1, 0, null, null);
    }

    CheckpointState withBest(double acc, int epoch) {
        return new CheckpointState(epochsDone, acc, epoch, pace, admitted);
    }

    CheckpointState next(int done, Pace p, int[] adm) {
        return new CheckpointState(done, bestValidation, bestEpoch, p, adm);
    }

    public void write(Path dir) throws IOException {
        RunLog.JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    public static CheckpointState read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + ": checkpoint state missing; the checkpoint is incomplete");
        }
        return RunLog.JSON.readValue(f.toFile(), CheckpointState.class);
    }

    @JsonIgnore
    public boolean started() {
        return epochsDone > 0;
    }
}
