package org.fer4j.bench;

/**
 * Sizes and repetitions of one benchmark run. The defaults match {@code torch_reference.py} (warm-up
 * 3, 12 timed steps) so that a fer4j row and a PyTorch row measure the same thing.
 *
 * @param res            input side in pixels
 * @param batch          images per training batch (pairs for the paired step)
 * @param inferBatch     images per inference batch (latency always uses 1)
 * @param width          ResNet-18 width multiplier (1.0 = torchvision's)
 * @param steps          timed steps per workload
 * @param warmup         untimed steps before them
 * @param seed           fixes weights and data
 * @param latencySteps   timed batch-1 forwards for the latency percentiles
 * @param soakSteps      training steps of the memory soak
 * @param foldBatchNorm  inference with BatchNorm folded into the convolutions
 * @param subjects       synthetic subjects for the pipeline and epoch workloads
 */
public record BenchConfig(int res, int batch, int inferBatch, double width, int steps, int warmup, long seed,
                          int latencySteps, int soakSteps, boolean foldBatchNorm, int subjects) {
    public BenchConfig {
        if (res < 32 || res > 1024) {
            throw new IllegalArgumentException("--res must be in [32, 1024] pixels, got " + res);
        }
        if (batch < 2 || inferBatch < 1) {
            throw new IllegalArgumentException("--batch must be at least 2 (BatchNorm in training) and --infer-batch"
                    + " at least 1; got " + batch + ", " + inferBatch);
        }
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("--width must be in (0, 4], got " + width);
        }
        if (steps < 1 || warmup < 0 || latencySteps < 1 || soakSteps < 1) {
            throw new IllegalArgumentException("--steps, --latency-steps and --soak-steps must be at least 1 and"
                    + " --warmup at least 0; got " + steps + ", " + latencySteps + ", " + soakSteps + ", " + warmup);
        }
        if (subjects < 2) {
            throw new IllegalArgumentException("--subjects must be at least 2, got " + subjects);
        }
    }

    /** 112 px, batch 32 (inference 64), full width, the reference's 3 + 12 steps, folded inference. */
    public static BenchConfig defaults() {
        return new BenchConfig(112, 32, 64, 1.0, 12, 3, 42, 100, 2000, true, 20);
    }
}
