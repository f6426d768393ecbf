package org.fer4j.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code fer4j bench} measures, each on fer4j's own classes. The first four names and their
 * meaning are those of {@code torch_reference.py}, so rows can be compared one to one.
 */
public enum Workload {
    /** Baseline ResNet-18: forward, cross-entropy, backward, Adam ({@code ClassificationStep}). */
    TRAIN("train", "images"),
    /** SPNDL step: B targets and B neutral references as one batch of 2B images. */
    PAIRED("paired", "pairs"),
    /** SPNDL without neutral image: two backbones on the same B images. */
    TWOBRANCH("twobranch", "images"),
    /** The adversarial disentangling step, where this build has it. */
    ADVERSARIAL("adversarial", "images"),
    /** fer4j's Adam alone over the baseline's named parameters (the per-parameter update cost). */
    OPTIMIZER("optimizer", "updates"),
    /** Inference at the batch size through {@code Predictor} (BatchNorm folded unless --no-fold). */
    INFER("infer", "images"),
    /** Inference of one image at a time: p50 and p99 latency. */
    LATENCY("latency", "images"),
    /** {@code infer} on the same model exported to ONNX, in ONNX Runtime (fer4j-onnx's {@code OnnxClassifier}). */
    ONNX_INFER("onnx-infer", "images"),
    /** {@code latency} in ONNX Runtime. */
    ONNX_LATENCY("onnx-latency", "images"),
    /**
     * One 3×3 convolution alone, forward and backward (input and weight gradients), at ResNet-18's
     * layer1 shape (64·width channels at res/4): the kernel with no fer4j code around it, beside
     * {@code bench/conv_alone.py}'s same convolution in PyTorch, to tell the kernel release's share of a
     * training row's ratio from fer4j's.
     */
    CONV("conv", "images"),
    /** The data pipeline alone: decode + crop + resize from PNG files, and batch assembly + augmentation. */
    PIPELINE("pipeline", "images"),
    /** One SPNDL training epoch on the synthetic set through {@code TrainingLoop}, batches prefetched. */
    EPOCH("epoch", "pairs"),
    /** Resident memory over many small SPNDL training steps: must stay flat. */
    SOAK("soak", "steps");

    private final String cliName;
    private final String items;

    Workload(String cliName, String items) {
        this.cliName = cliName;
        this.items = items;
    }

    public String cliName() {
        return cliName;
    }

    /** What the throughput counts. */
    public String items() {
        return items;
    }

    /** One model's training step on fixed random data, the workloads {@code --profile} records. */
    public boolean isTrainingStep() {
        return this == TRAIN || this == PAIRED || this == TWOBRANCH || this == ADVERSARIAL;
    }

    public static Workload parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Workload w : values()) {
            if (w.cliName.equals(n)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "'; expected 'all' or one of "
                + Arrays.stream(values()).map(Workload::cliName).toList());
    }

    @Override
    public String toString() {
        return cliName;
    }
}
