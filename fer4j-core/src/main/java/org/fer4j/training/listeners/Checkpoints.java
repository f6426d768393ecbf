package org.fer4j.training.listeners;

import java.io.IOException;
import java.util.Map;
import org.fer4j.runs.RunLog;
import org.fer4j.training.TrainingListener;
import org.fer4j.util.AtomicFiles;

/**
 * Saves, atomically, the {@code last} checkpoint after every epoch (model, optimiser state and the loop's
 * position, which {@code --resume} continues from), the {@code best} one whenever validation accuracy
 * improves, and the fold's final model. A run killed at any moment leaves a whole checkpoint.
 */
public final class Checkpoints implements TrainingListener {
    private final RunLog log;
    private final Map<String, String> trainedOn;

    /** @param trainedOn what every saved model records it was trained on (see {@code FerModel.save}) */
    public Checkpoints(RunLog log, Map<String, String> trainedOn) {
        this.log = log;
        this.trainedOn = Map.copyOf(trainedOn);
    }

    @Override
    public void onEpochEnd(EpochEnd e) throws IOException {
        if (e.improved()) {
            e.model().save(log.bestCheckpoint(e.fold()), trainedOn);
        }
        AtomicFiles.replaceDirectory(log.lastCheckpoint(e.fold()), tmp -> {
            e.model().save(tmp.resolve(RunLog.MODEL), trainedOn);
            e.step().saveState(tmp);
            e.state().write(tmp);
        });
    }

    @Override
    public void onFitEnd(FitEnd e) throws IOException {
        e.model().save(log.foldDir(e.fold()).resolve(RunLog.MODEL), trainedOn);
    }
}
