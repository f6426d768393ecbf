package org.fer4j.training;

import ai.djl.ndarray.NDManager;
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
     * @param samples targets delivered (each with its neutral reference when paired)
     */
    public record Rate(String what, long samples, double seconds) {
        public double samplesPerSecond() {
            return samples / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.0f samples/s (%d in %.2f s)", what, samplesPerSecond(), samples, seconds);
        }
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
        double sink = 0;
        for (int b = 0; b < warmup + batches; b++) {
            if (b == warmup) {
                start = System.nanoTime();
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
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("the pipeline produced NaN");
        }
        return new Rate("pipeline", samples, seconds);
    }

    /** Runs {@code steps} training steps on {@code batch} after {@code warmup} untimed ones. */
    public static Rate trainingStep(FerModel model, TrainConfig config, PairedBatch batch, int warmup, int steps) {
        TrainingStep step = TrainingSteps.forModel(model, config);
        long start = 0;
        for (int s = 0; s < warmup + steps; s++) {
            if (s == warmup) {
                start = System.nanoTime();
            }
            try (NDManager sub = model.manager().newSubManager()) {
                step.train(sub, batch);
            }
        }
        return new Rate("training step", (long) steps * batch.batchSize(), (System.nanoTime() - start) / 1e9);
    }
}
