package org.fer4j.spark.cv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fer4j.data.FaceStore;

/**
 * The resolved experiment and its loaded faces, once per executor JVM: every fold task of a run needs the
 * same dataset, and decoding it per task would cost more than a short fold trains. The faces stay until
 * the JVM exits; tasks only read them.
 */
final class ExecutorExperiments {
    record Prepared(Experiment experiment, FaceStore store) {
    }

    private static final Map<String, Prepared> PREPARED = new ConcurrentHashMap<>();

    private ExecutorExperiments() {
    }

    static Prepared get(ExperimentOptions options) {
        return PREPARED.computeIfAbsent(options.key(), k -> {
            try {
                Experiment e = Experiment.resolve(options, warning -> { });
                return new Prepared(e, e.openStore());
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }
}
