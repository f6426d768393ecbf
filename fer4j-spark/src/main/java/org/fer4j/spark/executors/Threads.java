package org.fer4j.spark.executors;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op threads on an executor. The setting is per JVM, not per task: each task's forward and
 * backward passes use this many threads, so an executor running {@code spark.executor.cores} tasks at once
 * keeps {@code cores × threads} threads busy. One thread per task (the default) matches
 * {@code spark.task.cpus=1}; give more with {@code --threads-per-task} and {@code spark.task.cpus} together.
 */
public final class Threads {
    private Threads() {
    }

    public static synchronized void perTask(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads-per-task must be at least 1, got " + threads);
        }
        Natives.offline();
        Engine.getEngine("PyTorch"); // loads the natives before their first call
        JniUtils.setNumThreads(threads);
    }
}
