package org.fer4j.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fer4j.training.TrainingListener;

/** The terminal's per-epoch progress bar with the running loss and accuracy: a CLI concern, so not in the core. */
final class ProgressBarListener implements TrainingListener {
    private ProgressBar bar;

    @Override
    public void onEpochStart(EpochStart e) {
        close();
        bar = new ProgressBarBuilder().setTaskName("fold " + e.fold() + " epoch " + (e.epoch() + 1))
                .setInitialMax(e.batches()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .continuousUpdate().build();
    }

    @Override
    public void onBatchEnd(BatchEnd e) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.3f", e.meanLoss(), e.meanAccuracy()));
            if (e.batch() + 1 == e.batches()) {
                close();
            }
        }
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
