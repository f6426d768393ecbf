package org.fer4j.training;

import org.fer4j.batches.PairedAugmentation;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedBatch;
import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Random;
import org.fer4j.data.FaceStore;
import org.fer4j.models.FerModel;

/**
 * Times the two sides of training separately: the data pipeline alone (store reads, pair-safe
 * augmentation, batch assembly, on one thread as the training loop's prefetch thread runs it) and
 * the training step alone (forward, backward and Adam on a ready batch). Training is input-bound when
 * the first rate is not well above the second.
 */
public final class PipelineThroughput {
    private PipelineThroughput() {
    }

    /**
     * @param samples    targets delivered (each with its neutral reference when paired)
     * @param seconds    wall-clock time
     * @param cpuSeconds CPU time spent meanwhile: the pipeline thread's own, or the whole process's for
     *                   the training step (PyTorch's native threads included); a fairer figure than wall
     *                   time on a shared machine
     */
    public record Rate(String what, long samples, double seconds, double cpuSeconds) {
        public double samplesPerSecond() {
            return samples / seconds;
        }

        public double samplesPerCpuSecond() {
            return samples / cpuSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.0f samples/s, %.0f per CPU-second (%d in %.2f s)", what,
                    samplesPerSecond(), samplesPerCpuSecond(), samples, seconds);
        }
    }

    private static long threadCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Assembles {@code batches} batches of shuffled samples (augmented when {@code augmentation} is not null)
     * after {@code warmup} untimed ones.
     */
    public static Rate pipeline(FaceStore store, boolean paired, PairedAugmentation augmentation, int batchSize,
                                int warmup, int batches, long seed) {
        BatchAssembler assembler = new BatchAssembler(store, paired, augmentation);
        int[] order = new int[store.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random rng = new Random(seed);
        TrainingLoop.shuffle(order, rng);
        int pos = 0;
        long samples = 0;
        long start = 0;
        long cpu = 0;
        double sink = 0;
        for (int b = 0; b < warmup + batches; b++) {
            if (b == warmup) {
                start = System.nanoTime();
                cpu = threadCpu();
            }
            int[] idx = new int[Math.min(batchSize, order.length)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = order[pos];
                pos = (pos + 1) % order.length;
            }
            PairedBatch batch = assembler.assemble(idx, rng);
            sink += batch.targets()[0];
            if (b >= warmup) {
                samples += idx.length;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threadCpu() - cpu) / 1e9;
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("the pipeline produced NaN");
        }
        return new Rate("pipeline", samples, seconds, cpuSeconds);
    }

    /** Runs {@code steps} training steps on {@code batch} after {@code warmup} untimed ones. */
    public static Rate trainingStep(FerModel model, TrainConfig config, PairedBatch batch, int warmup, int steps) {
        TrainingStep step = TrainingSteps.forModel(model, config);
        long start = 0;
        long cpu = 0;
        for (int s = 0; s < warmup + steps; s++) {
            if (s == warmup) {
                start = System.nanoTime();
                cpu = processCpu();
            }
            try (NDManager sub = model.manager().newSubManager()) {
                step.train(sub, batch);
            }
        }
        return new Rate("training step", (long) steps * batch.batchSize(), (System.nanoTime() - start) / 1e9,
                (processCpu() - cpu) / 1e9);
    }
}
