package org.fer4j.spark.app;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.spark.predict.AtomicOutput;
import org.fer4j.spark.predict.BatchPrediction;
import org.fer4j.spark.predict.ImageTables;
import org.fer4j.spark.predict.ModelEngine;
import org.fer4j.spark.predict.PredictOptions;
import org.fer4j.vision.detect.FaceDetectors;
import org.fer4j.spark.predict.PredictionRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code predict}: every image of a folder, glob or table of paths through one model, written as Parquet. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the expression of every image of --input on the cluster and write a Parquet table.")
final class PredictJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model folder (model.json + weights.params) on a path every"
            + " executor sees, or shipped with --archives model.tgz#NAME and named NAME; with --engine onnx the .onnx file"
            + " written by 'fer4j export' (or shipped with --files).")
    String model;

    @Option(names = "--engine", defaultValue = "torch", description = "torch: fer4j's network on PyTorch; onnx: ONNX Runtime,"
            + " one session per model per executor JVM, libtorch never loaded (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--input", required = true, description = "A folder of images (searched recursively), a glob, or a"
            + " Parquet/CSV table with a path column.")
    String input;

    @Option(names = "--output", required = true, description = "Parquet folder to write; appears only once complete.")
    String output;

    @Option(names = "--neutral-column", description = "Column of the input table with each face's neutral image (paired models).")
    String neutralColumn;

    @Option(names = "--path-column", defaultValue = PredictOptions.PATH, description = "Column of the input table with the"
            + " image paths (default: ${DEFAULT-VALUE}).")
    String pathColumn;

    @Option(names = "--partitions", description = "Output partitions, ranges of the path (default: the cluster's default parallelism).")
    Integer partitions;

    @Option(names = "--batch-size", defaultValue = "32", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--detect", description = "The inputs are raw photos: find every face (with --detector, default haar),"
            + " crop it as the model was trained and write one row per face.")
    boolean detect;

    @Option(names = "--detector", description = "Face detector for --detect: haar (OpenCV, no download) or blazeface"
            + " (fer4j models install blazeface-front, on every executor); implies --detect.")
    String detector;

    @Option(names = "--min-face", defaultValue = "24", description = "Smallest face side in pixels --detect looks for (default: ${DEFAULT-VALUE}).")
    int minFace;

    @Option(names = "--min-score", defaultValue = "0", description = "Detections scoring below it are dropped, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double minScore;

    @Option(names = "--overwrite", description = "Replace an existing --output (once the new table is complete).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        PredictOptions options = PredictOptions.builder().setModel(model).optEngine(ModelEngine.parse(engine)).optPathColumn(pathColumn)
                .optNeutralColumn(neutralColumn).optBatchSize(batchSize)
                .optDetector(detector != null ? detector : detect ? FaceDetectors.DEFAULT : null)
                .optMinFaceSide(minFace).optMinScore(minScore).build();
        SparkSession spark = Jobs.session("fer4j predict");
        long start = System.nanoTime();
        Dataset<Row> paths = ImageTables.read(spark, input, pathColumn);
        int n = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        Dataset<Row> predictions = BatchPrediction.predict(BatchPrediction.ordered(paths, pathColumn, n), options);
        AtomicOutput.writeParquet(spark, predictions, output, overwrite);
        double seconds = (System.nanoTime() - start) / 1e9;
        Dataset<Row> written = spark.read().parquet(output);
        long rows = written.count();
        long errors = written.filter(written.col(PredictionRows.ERROR).isNotNull()).count();
        if (options.detector() != null) {
            long photos = written.select(pathColumn).distinct().count();
            long faces = written.filter(written.col(PredictionRows.FACE).isNotNull()).count();
            long noFace = written.filter(written.col(PredictionRows.ERROR).equalTo(PredictionRows.NO_FACE)).count();
            spec.commandLine().getOut().printf(Locale.ROOT, "fer4j-spark: %d photos, %d faces, %d photos without a face, %d"
                    + " could not be predicted; %.1f s (%.1f photos/s); wrote %s%n", photos, faces, noFace, errors - noFace,
                    seconds, photos / seconds, output);
            return 0;
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "fer4j-spark: %d images, %d could not be predicted; %.1f s (%.1f images/s); wrote %s%n",
                rows, errors, seconds, rows / seconds, output);
        return 0;
    }
}
