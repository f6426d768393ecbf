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
import org.fer4j.onnx.runtime.OnnxClassifier;
import org.fer4j.spark.executors.Natives;

/**
 * One loaded model per executor JVM, shared by every task that runs there: a model is hundreds of
 * megabytes of native memory and seconds to load, a task is one partition. Loaded lazily, the first
 * time a task asks, and exactly once however many tasks ask at the same time ({@link Predictor} itself
 * may be shared by threads; on ONNX Runtime every task runs the one session). The models live until the
 * JVM exits, which frees their native memory.
 */
final class ExecutorModels {
    private static final Map<String, Predictor> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** The predictor for {@code model} on {@code engine}, loading it on first use in this JVM. */
    static Predictor get(String model, ModelEngine engine) {
        return LOADED.computeIfAbsent(engine.cliName() + ":" + model, key -> {
            Path path = resolve(model);
            try {
                if (engine == ModelEngine.ONNX) {
                    return new Predictor(openOnnx(path));
                }
                Natives.offline();
                return new Predictor(FerModel.load(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }

    /**
     * An ONNX Runtime session with one intra-op thread: the session is shared by the executor's concurrent
     * tasks, and each {@code run} then computes on its task's own thread, as {@code spark.task.cpus=1} expects.
     */
    static OnnxClassifier openOnnx(Path file) throws IOException {
        return OnnxClassifier.builder().optIntraOpThreads(1).build(file);
    }

    /**
     * The model folder or file as this JVM sees it: the path itself (a local or shared file system), else the
     * name inside the task's working directory or Spark's file root ({@code --archives model.tgz#model},
     * {@code --files model.onnx}).
     */
    static Path resolve(String model) {
        Path p = Path.of(model);
        if (Files.exists(p) || p.isAbsolute()) {
            return p;
        }
        try {
            Path shipped = Path.of(SparkFiles.get(model));
            return Files.exists(shipped) ? shipped : p;
        } catch (RuntimeException noSparkEnv) {
            return p;
        }
    }
}
