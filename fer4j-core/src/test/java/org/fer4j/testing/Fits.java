package org.fer4j.testing;

import org.fer4j.data.FaceStore;
import org.fer4j.models.ModelSpec;
import org.fer4j.runs.RunLog;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingLoop;
import org.fer4j.training.listeners.TrainingListeners;

/** A training loop with the standard listeners, as the CLI runs it (records, guard, checkpoints). */
public final class Fits {
    private Fits() {
    }

    public static TrainingLoop recorded(ModelSpec spec, TrainConfig cfg, SelfPacedConfig spl, FaceStore store, RunLog log,
                                        TrainingLoop.Options options) {
        return recorded(spec, cfg, spl, store, log, options, false);
    }

    public static TrainingLoop recorded(ModelSpec spec, TrainConfig cfg, SelfPacedConfig spl, FaceStore store, RunLog log,
                                        TrainingLoop.Options options, boolean dumps) {
        return new TrainingLoop(spec, cfg, spl, store, log, options,
                TrainingListeners.standard(log, store, cfg, options.fold(), dumps));
    }
}
