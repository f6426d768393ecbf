package org.fer4j.training.listeners;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceStore;
import org.fer4j.runs.PaceRecord;
import org.fer4j.runs.PredictionFiles;
import org.fer4j.runs.RunLog;
import org.fer4j.training.Pace;
import org.fer4j.training.TrainingListener;

/**
 * Writes what reports are rebuilt from: a {@code metrics.jsonl} line per epoch, a {@code spl.jsonl} line
 * per self-paced pace, and each fold's {@code eval.json} and {@code predictions.csv}. On resume it first
 * removes the lines of epochs and paces the checkpoint had not reached, so each appears once.
 */
public final class RunRecorder implements TrainingListener {
    private final RunLog log;
    private final FaceStore store;

    public RunRecorder(RunLog log, FaceStore store) {
        this.log = log;
        this.store = store;
    }

    @Override
    public void onFitStart(FitStart e) throws IOException {
        if (e.epochsDone() == 0) {
            return;
        }
        log.truncateFrom(RunLog.METRICS, e.fold(), "epoch", e.epochsDone() + 1);
        // Paces that contain the next epoch have not ended: their lines (if any) are rewritten.
        log.truncateFrom(RunLog.SPL, e.fold(), "pace", e.epochsDone() < e.plan().epochs()
                ? e.plan().paceOf(e.epochsDone()) : Integer.MAX_VALUE);
    }

    @Override
    public void onPaceEnd(PaceEnd e) {
        Pace pace = e.selection();
        if (pace == null) {
            return;
        }
        List<String> excludedIds = new ArrayList<>();
        for (int i : pace.excluded()) {
            excludedIds.add(store.sample(i).id());
        }
        log.append(new PaceRecord(e.fold(), pace.number(), pace.fraction(), pace.lambda(), pace.admittedPerClass(),
                pace.admitted().length, excludedIds, e.testAccuracy()));
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        log.append(e.record());
    }

    @Override
    public void onFitEnd(FitEnd e) throws IOException {
        if (e.testResult() != null) {
            log.writeJson(log.foldDir(e.fold()).resolve(RunLog.EVAL), e.testResult());
            PredictionFiles.write(log.foldDir(e.fold()).resolve(RunLog.PREDICTIONS), store, e.test());
        }
    }
}
