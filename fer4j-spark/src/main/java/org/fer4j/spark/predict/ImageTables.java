package org.fer4j.spark.predict;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.data.adapters.Layout;

/**
 * What {@code predict --input} names, as a table with a path per row: a folder of images (searched
 * recursively) or a glob, through Spark's {@code binaryFile} source, or a Parquet or CSV table of paths
 * (with, for paired models, a neutral path per row). Only paths are listed: executors read each image
 * themselves, so no image bytes go through a shuffle.
 */
public final class ImageTables {
    /** Image files by name, as fer4j's folder layouts recognise them; hidden files are left out. */
    static final String IMAGE_NAME = "(?i)^(.*/)?[^./][^/]*(" + String.join("|",
            Layout.IMAGE_EXTENSIONS.stream().map(e -> "\\" + e).toList()) + ")$";

    private ImageTables() {
    }

    public static Dataset<Row> read(SparkSession spark, String input, String pathColumn) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path p = new Path(input);
        FileSystem fs = p.getFileSystem(conf);
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            requireExists(fs, p, input);
            return spark.read().option("header", "true").csv(input);
        }
        if (lower.endsWith(".parquet") || isParquetFolder(fs, p)) {
            requireExists(fs, p, input);
            return spark.read().parquet(input);
        }
        boolean folder = fs.isDirectory(p);
        if (folder ? !hasImage(fs, p) : !globMatchesImage(fs, p)) {
            throw new IllegalArgumentException("--input " + input + ": " + (folder ? "a folder with no images ("
                    + String.join(", ", Layout.IMAGE_EXTENSIONS) + ")" : "matches no image files"));
        }
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", folder).load(input)
                .select(col(PredictOptions.PATH)).filter(col(PredictOptions.PATH).rlike(IMAGE_NAME));
        return pathColumn.equals(PredictOptions.PATH) ? files : files.withColumnRenamed(PredictOptions.PATH, pathColumn);
    }

    private static void requireExists(FileSystem fs, Path p, String input) throws IOException {
        FileStatus[] found = fs.globStatus(p);
        if (found == null || found.length == 0) {
            throw new IllegalArgumentException("--input " + input + ": no such file");
        }
    }

    /** A folder Spark wrote (its {@code _SUCCESS} marker) or one holding {@code .parquet} files. */
    private static boolean isParquetFolder(FileSystem fs, Path p) throws IOException {
        if (!fs.isDirectory(p)) {
            return false;
        }
        if (fs.exists(new Path(p, "_SUCCESS"))) {
            return true;
        }
        for (FileStatus s : fs.listStatus(p)) {
            if (s.isFile() && s.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasImage(FileSystem fs, Path dir) throws IOException {
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
        while (files.hasNext()) {
            if (files.next().getPath().toString().matches(IMAGE_NAME)) {
                return true;
            }
        }
        return false;
    }

    private static boolean globMatchesImage(FileSystem fs, Path glob) throws IOException {
        FileStatus[] found = fs.globStatus(glob);
        if (found == null) {
            return false;
        }
        for (FileStatus s : found) {
            if (s.isFile() ? s.getPath().toString().matches(IMAGE_NAME) : hasImage(fs, s.getPath())) {
                return true;
            }
        }
        return false;
    }
}
