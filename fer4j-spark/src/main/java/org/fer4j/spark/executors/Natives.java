package org.fer4j.spark.executors;

/**
 * DJL's PyTorch natives on an executor: always the ones inside the application jar, never a download
 * (executors of a cluster usually cannot reach the internet, and a download per JVM would be slow).
 * {@code spark.executor.extraJavaOptions=-Dai.djl.offline=true} says the same; this covers a job that
 * forgot it, as long as it runs before the engine starts in that JVM.
 */
public final class Natives {
    private Natives() {
    }

    public static void offline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
