package org.fer4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of a test JVM: two task threads, and a task may fail twice before its job fails
 * (plain {@code local[2]} never retries a task, a cluster does).
 */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static SparkSession session() {
        return SparkSession.builder().master("local[2,2]").appName("fer4j-spark tests")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
    }
}
