package org.fer4j.training.listeners;

import java.io.IOException;
import java.nio.file.Path;
import org.fer4j.data.FaceStore;
import org.fer4j.runs.FeatureFiles;
import org.fer4j.runs.RunLog;
import org.fer4j.training.Thumbnails;
import org.fer4j.training.TrainingListener;

/**
 * Dumps what the report's figures show: test-set features (NDF or z_e) at each pace end and at the end
 * (t-SNE), thumbnails of the samples each pace left out, and the most confident mistakes.
 */
public final class FeatureDumps implements TrainingListener {
    /** Mistake thumbnails per fold. */
    static final int MISTAKES = 12;
    private final RunLog log;
    private final FaceStore store;

    public FeatureDumps(RunLog log, FaceStore store) {
        this.log = log;
        this.store = store;
    }

    @Override
    public boolean needsFeatures() {
        return true;
    }

    @Override
    public void onPaceEnd(PaceEnd e) throws IOException {
        FeatureFiles.write(log.featureFile(e.fold(), e.pace()), store, e.test());
        if (e.selection() != null) {
            Thumbnails.writeExcluded(thumbnails(), e.fold(), e.selection(), store);
        }
    }

    @Override
    public void onFitEnd(FitEnd e) throws IOException {
        if (e.test() != null) {
            FeatureFiles.write(log.featureFile(e.fold(), "final"), store, e.test());
            Thumbnails.writeMistakes(thumbnails(), e.fold(), store, e.test(), MISTAKES);
        }
    }

    private Path thumbnails() {
        return log.dir().resolve(RunLog.THUMBNAILS);
    }
}
