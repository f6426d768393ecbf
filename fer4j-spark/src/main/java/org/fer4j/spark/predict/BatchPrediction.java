package org.fer4j.spark.predict;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelSpec;
import org.fer4j.onnx.OnnxModelInfo;
import org.fer4j.onnx.runtime.OnnxClassifier;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectors;
import org.fer4j.spark.executors.Natives;

/**
 * Batch prediction over a table of images. Everything that can be checked before a task runs is checked
 * here, on the driver: the model folder or ONNX file, the columns, a paired model's neutral column. The work itself is
 * one {@link PredictPartition} per partition, on the executors' shared models.
 */
public final class BatchPrediction {
    private BatchPrediction() {
    }

    /** The prediction table of {@code images} (see {@link PredictionRows}), evaluated lazily like any Dataset. */
    public static Dataset<Row> predict(Dataset<Row> images, PredictOptions options) {
        Described spec = describe(options);
        StructType in = images.schema();
        List<String> columns = Arrays.asList(in.fieldNames());
        int path = stringColumn(in, options.pathColumn(), "path column");
        int content = columns.indexOf(options.contentColumn());
        if (content >= 0 && !in.apply(content).dataType().equals(DataTypes.BinaryType)) {
            content = -1; // a column of that name that is not bytes: read the paths instead
        }
        int neutral = -1;
        if (options.neutralColumn() != null) {
            neutral = stringColumn(in, options.neutralColumn(), "--neutral-column");
        } else if (spec.needsNeutral()) {
            throw new IllegalArgumentException("--model " + options.model() + ": a '" + spec.kind()
                    + "' model compares each face with the same person's neutral face; give --neutral-column with"
                    + " each row's neutral image (columns: " + columns + ")");
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (i != content) {
                kept.add(i);
            }
        }
        StructType out = PredictionRows.schema(in, content >= 0 ? options.contentColumn() : null, spec.classes());
        int[] keptColumns = kept.stream().mapToInt(Integer::intValue).toArray();
        MapPartitionsFunction<Row, Row> work;
        if (options.detector() != null) {
            checkDetector(options);
            work = new DetectPartition(options, spec.needsNeutral(), path, content, neutral, keptColumns);
        } else {
            work = new PredictPartition(options.model(), options.engine(), options.batchSize(), path, content, neutral, keptColumns);
        }
        Dataset<Row> predicted = images.mapPartitions(work, Encoders.row(out));
        // The encoder drops field metadata: put the class order back on the probabilities.
        return predicted.withColumn(PredictionRows.PROBABILITIES, col(PredictionRows.PROBABILITIES)
                .as(PredictionRows.PROBABILITIES, out.apply(PredictionRows.PROBABILITIES).metadata()));
    }

    /**
     * Opens and closes the detector once on the driver: an unknown name or a detector whose model is not installed
     * ({@code fer4j models install blazeface-front}) fails here with one message, before any task runs.
     */
    private static void checkDetector(PredictOptions options) {
        try (FaceDetector detector = FaceDetectors.open(options.detector(), options.detectorOptions())) {
            detector.name();
        }
    }

    /**
     * {@code table} in {@code partitions} ranges of {@code pathColumn}, sorted within each: the same input
     * gives the same partitions and the same row order on every run, whatever the file listing's order.
     */
    public static Dataset<Row> ordered(Dataset<Row> table, String pathColumn, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        stringColumn(table.schema(), pathColumn, "path column");
        return table.repartitionByRange(partitions, col(pathColumn)).sortWithinPartitions(col(pathColumn));
    }

    /** What the driver needs to know of a model: its kind, its classes in output order, whether it takes the neutral face. */
    private record Described(String kind, List<String> classes, boolean needsNeutral) {
    }

    /** The model of {@code options} on its engine, checked on the driver (see {@link #modelSpec}, {@link #onnxInfo}). */
    private static Described describe(PredictOptions options) {
        if (options.engine() == ModelEngine.ONNX) {
            OnnxModelInfo info = onnxInfo(options.model());
            return new Described(info.kind(), info.labels().names(), info.needsNeutral());
        }
        ModelSpec spec = modelSpec(options.model());
        return new Described(spec.kind().cliName(), spec.labels().names(), spec.kind().needsNeutral());
    }

    /**
     * The metadata of the exported model as the driver sees it, from a session opened and closed here: a missing
     * file, a file that is not ONNX or not a fer4j export, or one whose inputs disagree with its metadata fails on
     * the driver with one message naming the file.
     */
    public static OnnxModelInfo onnxInfo(String model) {
        Path file = ExecutorModels.resolve(model);
        try (OnnxClassifier onnx = ExecutorModels.openOnnx(file)) {
            return onnx.info();
        } catch (IOException e) {
            throw new IllegalArgumentException("--model " + e.getMessage(), e);
        }
    }

    /**
     * The spec of the model folder as the driver sees it, loaded once here: a missing, unreadable or corrupt
     * model fails on the driver with one message, before any executor tries to load it.
     */
    public static ModelSpec modelSpec(String model) {
        Natives.offline();
        Path dir = ExecutorModels.resolve(model);
        if (Files.isRegularFile(dir) && dir.getFileName().toString().endsWith(".onnx")) {
            throw new IllegalArgumentException("--model " + model + ": an ONNX file; run it with --engine onnx");
        }
        if (!Files.isRegularFile(dir.resolve(FerModel.SPEC_FILE)) || !Files.isRegularFile(dir.resolve(FerModel.WEIGHTS_FILE))) {
            throw new IllegalArgumentException("--model " + model + ": " + (Files.isDirectory(dir) ? "not a fer4j model folder"
                    + " (expected " + FerModel.SPEC_FILE + " and " + FerModel.WEIGHTS_FILE + ")" : "no such folder")
                    + "; pass the folder written by 'fer4j train' (RUN/fold-0/model), on a path every executor sees");
        }
        if (!Files.isReadable(dir.resolve(FerModel.WEIGHTS_FILE))) {
            throw new IllegalArgumentException("--model " + model + ": " + FerModel.WEIGHTS_FILE + " is not readable");
        }
        try (FerModel loaded = FerModel.load(dir)) { // the weights too: a corrupt file fails here, not on every executor
            return loaded.spec();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--model " + model + ": " + e.getMessage(), e);
        }
    }

    private static int stringColumn(StructType in, String name, String what) {
        int i = Arrays.asList(in.fieldNames()).indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a column of the input; its columns are "
                    + Arrays.toString(in.fieldNames()));
        }
        if (!in.apply(i).dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException(what + " '" + name + "' holds " + in.apply(i).dataType().simpleString()
                    + ", not paths (strings)");
        }
        return i;
    }
}
