package org.fer4j.runs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.data.FaceStore;
import org.fer4j.evaluation.Predictions;
import org.fer4j.util.AtomicFiles;

/** Writes test-set features (NDF, z_e, pooled vector) as CSV {@code id,label,f0,f1,…} for t-SNE in reports. */
public final class FeatureFiles {
    private FeatureFiles() {
    }

    public static void write(Path file, FaceStore store, Predictions p) throws IOException {
        if (p.features() == null) {
            return;
        }
        AtomicFiles.writeFile(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                int d = p.features().length == 0 ? 0 : p.features()[0].length;
                w.write("id,label");
                for (int j = 0; j < d; j++) {
                    w.write(",f" + j);
                }
                w.write('\n');
                for (int i = 0; i < p.indices().length; i++) {
                    w.write(store.sample(p.indices()[i]).id());
                    w.write(',');
                    w.write(store.labels().get(p.labels()[i]).canonicalName());
                    for (float f : p.features()[i]) {
                        w.write(',');
                        w.write(Float.toString(f));
                    }
                    w.write('\n');
                }
            }
        });
    }
}
