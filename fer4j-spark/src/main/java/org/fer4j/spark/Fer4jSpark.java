package org.fer4j.spark;

import java.io.IOException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.spark.predict.BatchPrediction;
import org.fer4j.spark.predict.ImageTables;
import org.fer4j.spark.predict.PredictOptions;

/**
 * fer4j on Apache Spark, for an application that already has a {@link SparkSession}: expression
 * prediction over a table of images, evaluated lazily on the executors like any other Dataset. The
 * command-line entry point ({@code org.fer4j.spark.app.Fer4jSparkApp}) is built on these calls.
 */
public final class Fer4jSpark {
    private Fer4jSpark() {
    }

    /**
     * One row per face of {@code images} (a path column, optionally the bytes of Spark's {@code binaryFile}
     * source and a neutral path column): the input's columns, then face index, box, label, confidence and
     * probabilities, or the reason in {@code error} for a row that could not be predicted. Each executor
     * loads the model once and shares it between its tasks; faces are batched inside each partition and
     * come out in the partition's input order.
     *
     * @throws IllegalArgumentException on the driver, before any task runs, for a missing model folder, a
     *                                  missing column, or a paired model without a neutral column
     */
    public static Dataset<Row> predict(Dataset<Row> images, PredictOptions options) {
        return BatchPrediction.predict(images, options);
    }

    /**
     * The images {@code input} names, one path per row: a folder (recursively) or a glob of image files, or
     * a Parquet or CSV table with a path column.
     *
     * @throws IllegalArgumentException when the folder or glob holds no images, or the table does not exist
     */
    public static Dataset<Row> images(SparkSession spark, String input) throws IOException {
        return ImageTables.read(spark, input, PredictOptions.PATH);
    }
}
