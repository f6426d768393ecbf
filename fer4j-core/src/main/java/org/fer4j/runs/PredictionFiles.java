package org.fer4j.runs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fer4j.data.FaceStore;
import org.fer4j.evaluation.Predictions;
import org.fer4j.util.AtomicFiles;

/** Writes per-sample test predictions {@code id,subject,label,predicted,confidence,p_<class>…}. */
public final class PredictionFiles {
    private PredictionFiles() {
    }

    public static void write(Path file, FaceStore store, Predictions p) throws IOException {
        AtomicFiles.writeFile(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                w.write("id,subject,label,predicted,confidence");
                for (String n : store.labels().names()) {
                    w.write(",p_" + n);
                }
                w.write('\n');
                for (int i = 0; i < p.indices().length; i++) {
                    var s = store.sample(p.indices()[i]);
                    int pred = p.predicted(i);
                    w.write(s.id() + "," + (s.subject() == null ? "" : s.subject()) + ","
                            + store.labels().get(p.labels()[i]).canonicalName() + ","
                            + store.labels().get(pred).canonicalName() + ","
                            + String.format(Locale.ROOT, "%.5f", p.probabilities()[i][pred]));
                    for (float v : p.probabilities()[i]) {
                        w.write(String.format(Locale.ROOT, ",%.5f", v));
                    }
                    w.write('\n');
                }
            }
        });
    }
}
