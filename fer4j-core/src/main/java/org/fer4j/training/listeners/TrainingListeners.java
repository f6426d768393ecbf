package org.fer4j.training.listeners;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceStore;
import org.fer4j.runs.RunLog;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingListener;

/** The listeners a recorded, resumable run uses, in the order they must run. */
public final class TrainingListeners {
    private TrainingListeners() {
    }

    /**
     * The divergence guard first (nothing of a diverged epoch is written), then the run records, the
     * dumps when asked, and the checkpoints last: an epoch's metrics line is on disk before the
     * checkpoint that a resume would continue after.
     */
    public static List<TrainingListener> standard(RunLog log, FaceStore store, TrainConfig config, int fold,
                                                  boolean dumps) {
        return standard(log, store, config, fold, dumps, Map.of("seed", Long.toString(config.seed())));
    }

    /** As above; every saved model records {@code trainedOn} (dataset fingerprint, seed, version). */
    public static List<TrainingListener> standard(RunLog log, FaceStore store, TrainConfig config, int fold,
                                                  boolean dumps, Map<String, String> trainedOn) {
        List<TrainingListener> l = new ArrayList<>();
        l.add(new DivergenceGuard(config.learningRate(), log.lastCheckpoint(fold)));
        l.add(new RunRecorder(log, store));
        if (dumps) {
            l.add(new FeatureDumps(log, store));
        }
        l.add(new Checkpoints(log, trainedOn));
        return l;
    }
}
