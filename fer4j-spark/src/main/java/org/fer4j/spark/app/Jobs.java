package org.fer4j.spark.app;

import org.apache.spark.sql.SparkSession;

/** The session a job runs in: spark-submit's, or one configured by {@code -Dspark.master=…} under plain java. */
final class Jobs {
    private Jobs() {
    }

    static SparkSession session(String name) {
        return SparkSession.builder().appName(name).getOrCreate();
    }
}
