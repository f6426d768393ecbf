package org.fer4j.spark.predict;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a result table so that its path holds either nothing or the complete table: Spark writes into a
 * hidden sibling folder, which is renamed onto the output only after the job succeeded (one rename on
 * HDFS and local or shared file systems; on an object store the rename is a copy, see docs/SPARK.md).
 * A failed job leaves the output path as it was and removes its partial folder.
 */
public final class AtomicOutput {
    private AtomicOutput() {
    }

    public static void writeParquet(SparkSession spark, Dataset<Row> table, String output, boolean overwrite)
            throws IOException {
        Path out = new Path(output);
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(out) && !overwrite) {
            throw new IllegalArgumentException("--output " + output + ": already exists; choose another path or add --overwrite");
        }
        Path parent = fs.makeQualified(out).getParent();
        Path tmp = new Path(parent, "." + out.getName() + ".tmp-" + UUID.randomUUID());
        try {
            table.write().parquet(tmp.toString());
            if (fs.exists(out) && !fs.delete(out, true)) {
                throw new IOException(output + ": cannot replace the existing output");
            }
            if (!fs.rename(tmp, out)) {
                throw new IOException(output + ": cannot move the finished table from " + tmp + " into place");
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, true);
            }
        }
    }
}
