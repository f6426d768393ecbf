package org.fer4j.spark.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.fer4j.inference.Predictor;
import org.fer4j.models.FerModel;
import org.fer4j.spark.executors.Natives;

/**
 * One loaded model per executor JVM, shared by every task that runs there: a model is hundreds of
 * megabytes of native memory and seconds to load, a task is one partition. Loaded lazily, the first
 * time a task asks, and exactly once however many tasks ask at the same time ({@link Predictor} itself
 * may be shared by threads). The models live until the JVM exits, which frees their native memory.
 */
final class ExecutorModels {
    private static final Map<String, Predictor> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** The predictor for {@code model}, loading it on first use in this JVM. */
    static Predictor get(String model) {
        return LOADED.computeIfAbsent(model, m -> {
            Natives.offline();
            Path dir = resolve(m);
            try {
                return new Predictor(FerModel.load(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }

    /**
     * The model folder as this JVM sees it: the path itself (a local or shared file system), else the
     * name inside the task's working directory or Spark's file root ({@code --archives model.tgz#model}).
     */
    static Path resolve(String model) {
        Path p = Path.of(model);
        if (Files.isDirectory(p) || p.isAbsolute()) {
            return p;
        }
        try {
            Path shipped = Path.of(SparkFiles.get(model));
            return Files.isDirectory(shipped) ? shipped : p;
        } catch (RuntimeException noSparkEnv) {
            return p;
        }
    }
}
