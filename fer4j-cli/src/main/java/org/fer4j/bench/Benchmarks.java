package org.fer4j.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.inference.Predictor;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.Networks;
import org.fer4j.onnx.export.OnnxExport;
import org.fer4j.onnx.runtime.OnnxClassifier;
import org.fer4j.training.AdamOptimizer;
import org.fer4j.batches.PairedBatch;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingStep;
import org.fer4j.training.TrainingSteps;

/**
 * Runs the workloads of {@code fer4j bench} on fer4j's real code paths: {@link FerModel}, the training
 * step {@link TrainingSteps} picks for the model (forward, loss, backward, fer4j's Adam) inside a
 * per-step sub-manager as {@code TrainingLoop} does, and {@link Predictor} for inference. Data are
 * random tensors made once before timing, as in {@code torch_reference.py}; the pipeline, epoch and
 * soak workloads use the synthetic faces ({@link PipelineBenchmarks}).
 */
public final class Benchmarks {
    static final LabelSet LABELS = LabelSet.CK_PLUS_7;
    private final BenchConfig config;
    private final Path profileDir;

    public Benchmarks(BenchConfig config) {
        this(config, null);
    }

    /**
     * @param profileDir where the training workloads write libtorch's own operator profile of their timed steps
     *                   ({@code WORKLOAD.trace.json}, Chrome trace format), so that fer4j's step can be set
     *                   operator by operator beside PyTorch's profiler (bench/op_profile.py); null: none
     */
    public Benchmarks(BenchConfig config, Path profileDir) {
        this.config = config;
        this.profileDir = profileDir;
    }

    public BenchConfig config() {
        return config;
    }

    /** Runs one workload (some, like the pipeline, give more than one row). */
    public List<BenchResult> run(Workload w) throws IOException {
        ProcessMemory.resetPeak();
        return switch (w) {
            case TRAIN -> List.of(trainStep(w, ModelKind.BASELINE));
            case PAIRED -> List.of(trainStep(w, ModelKind.SPNDL));
            case TWOBRANCH -> List.of(trainStep(w, ModelKind.SPNDL_NO_NEUTRAL));
            case ADVERSARIAL -> List.of(trainStep(w, ModelKind.ADVERSARIAL));
            case OPTIMIZER -> List.of(optimizer(w));
            case INFER -> List.of(inference(w, config.inferBatch(), config.steps(), config.warmup()));
            case LATENCY -> List.of(inference(w, 1, config.latencySteps(), Math.max(config.warmup(), 10)));
            case ONNX_INFER -> List.of(onnxInference(w, config.inferBatch(), config.steps(), config.warmup()));
            case ONNX_LATENCY -> List.of(onnxInference(w, 1, config.latencySteps(), Math.max(config.warmup(), 10)));
            case CONV -> List.of(convolution(w));
            case PIPELINE -> new PipelineBenchmarks(config).pipeline();
            case EPOCH -> List.of(new PipelineBenchmarks(config).epoch());
            case SOAK -> List.of(new PipelineBenchmarks(config).soak());
        };
    }

    static ModelSpec spec(ModelKind kind, double width, int res) {
        return new ModelSpec(kind, width, Preprocessing.rgb(res), LABELS);
    }

    static TrainConfig trainConfig(int batch, long seed) {
        return new TrainConfig(1, Math.max(2, batch), 1e-4, 0.9, 0.999, seed, false, 0.02, 0.5);
    }

    /** Random inputs like the reference's {@code torch.randn}: B targets, B neutrals, random labels. */
    static PairedBatch randomBatch(int batch, int res, long seed) {
        Random rng = new Random(seed);
        int n = batch * 3 * res * res;
        float[] t = new float[n];
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = (float) rng.nextGaussian();
            r[i] = (float) rng.nextGaussian();
        }
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(LABELS.size());
        }
        return new PairedBatch(t, r, labels, new int[batch], 3, res);
    }

    private BenchResult trainStep(Workload w, ModelKind kind) {
        ModelSpec spec = spec(kind, config.width(), config.res());
        try {
            Networks.create(spec);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return BenchResult.skipped(w.cliName(), w.items(), config, config.batch(),
                    "model '" + kind.cliName() + "' cannot be created in this build: " + e.getMessage());
        }
        PairedBatch batch = randomBatch(config.batch(), config.res(), config.seed());
        try (FerModel model = FerModel.create(spec, config.seed())) {
            TrainingStep step = TrainingSteps.forModel(model, trainConfig(config.batch(), config.seed()));
            List<Double> times = new ArrayList<>();
            double rssAfterWarmup = -1;
            boolean profiling = false;
            try {
                for (int i = 0; i < config.warmup() + config.steps(); i++) {
                    if (i == config.warmup()) {
                        rssAfterWarmup = ProcessMemory.rssMb();
                        if (profileDir != null) {
                            ai.djl.pytorch.jni.JniUtils.startProfile(false, false, false);
                            profiling = true;
                        }
                    }
                    long t0 = System.nanoTime();
                    try (NDManager sub = model.manager().newSubManager()) {
                        step.train(sub, batch);
                    }
                    if (i >= config.warmup()) {
                        times.add((System.nanoTime() - t0) / 1e9);
                    }
                }
            } finally {
                if (profiling) {
                    stopProfile(w);
                }
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("rss_after_warmup_mb", Math.round(rssAfterWarmup));
            extra.put("rss_end_mb", Math.round(ProcessMemory.rssMb()));
            return result(w.cliName(), w.items(), config.batch(), StepStats.of(times), extra);
        }
    }

    /** Ends the profile and writes it; the file is written whole by libtorch, so a temporary name is renamed. */
    private void stopProfile(Workload w) {
        Path out = profileDir.resolve(w.cliName() + ".trace.json");
        Path tmp = profileDir.resolve(w.cliName() + ".trace.json.tmp");
        ai.djl.pytorch.jni.JniUtils.stopProfile(tmp.toString());
        try {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(out + ": cannot write the profile: " + e.getMessage(), e);
        }
    }

    /** {@link Workload#CONV}: the convolution's forward and both gradients, each step in its own sub-manager. */
    private BenchResult convolution(Workload w) {
        int c = (int) Math.round(64 * config.width());
        int side = config.res() / 4;
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(config.batch(), c, side, side));
            ai.djl.ndarray.NDArray weight = m.randomNormal(new ai.djl.ndarray.types.Shape(c, c, 3, 3)).mul(0.05f);
            ai.djl.ndarray.NDArray bias = m.zeros(new ai.djl.ndarray.types.Shape(c));
            x.setRequiresGradient(true);
            weight.setRequiresGradient(true);
            ai.djl.ndarray.types.Shape one = new ai.djl.ndarray.types.Shape(1, 1);
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < config.warmup() + config.steps(); i++) {
                long t0 = System.nanoTime();
                try (NDManager sub = m.newSubManager();
                     ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    ai.djl.ndarray.NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, bias, one, one)
                            .singletonOrThrow();
                    y.attach(sub);
                    ai.djl.ndarray.NDArray loss = y.sum();
                    loss.attach(sub);
                    gc.backward(loss);
                }
                if (i >= config.warmup()) {
                    times.add((System.nanoTime() - t0) / 1e9);
                }
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("shape", config.batch() + "x" + c + "x" + side + "x" + side + ", 3x3, stride 1, pad 1");
            return result(w.cliName(), w.items(), config.batch(), StepStats.of(times), extra);
        }
    }

    /** Adam over every named parameter of the baseline after one backward pass (gradients present). */
    private BenchResult optimizer(Workload w) {
        PairedBatch batch = randomBatch(config.batch(), config.res(), config.seed());
        try (FerModel model = FerModel.create(spec(ModelKind.BASELINE, config.width(), config.res()), config.seed())) {
            TrainingStep step = TrainingSteps.forModel(model, trainConfig(config.batch(), config.seed()));
            try (NDManager sub = model.manager().newSubManager()) {
                step.train(sub, batch); // leaves defined (zeroed) gradients on every parameter
            }
            var params = model.namedParameters();
            AdamOptimizer adam = AdamOptimizer.of(trainConfig(config.batch(), config.seed()));
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < config.warmup() + config.steps(); i++) {
                long t0 = System.nanoTime();
                adam.step(params);
                if (i >= config.warmup()) {
                    times.add((System.nanoTime() - t0) / 1e9);
                }
            }
            long trainable = params.values().stream().filter(p -> p.requiresGradient()).count();
            long scalars = params.values().stream().filter(p -> p.requiresGradient()).mapToLong(p -> p.getArray().size()).sum();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("parameters", trainable);
            extra.put("scalars", scalars);
            return result(w.cliName(), w.items(), 1, StepStats.of(times), extra);
        }
    }

    private BenchResult inference(Workload w, int batchSize, int steps, int warmup) {
        PairedBatch batch = randomBatch(batchSize, config.res(), config.seed());
        try (FerModel model = FerModel.create(spec(ModelKind.BASELINE, config.width(), config.res()), config.seed())) {
            Predictor predictor = new Predictor(model, config.foldBatchNorm());
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("batchnorm_folded", predictor.folded());
            return timedInference(w, predictor, batch, steps, warmup, extra);
        }
    }

    /**
     * The same baseline (same seed, so the same weights) exported by {@code OnnxExport} and run by ONNX
     * Runtime with as many intra-op threads as libtorch has here; the model is closed before timing.
     */
    private BenchResult onnxInference(Workload w, int batchSize, int steps, int warmup) throws IOException {
        PairedBatch batch = randomBatch(batchSize, config.res(), config.seed());
        Path file = Files.createTempFile("fer4j-bench-", ".onnx");
        try {
            try (FerModel model = FerModel.create(spec(ModelKind.BASELINE, config.width(), config.res()), config.seed())) {
                OnnxExport.write(model, file, true, "bench");
            }
            int threads = (Integer) Machine.describe().get("intra_op_threads");
            ProcessMemory.resetPeak();
            try (OnnxClassifier onnx = OnnxClassifier.builder().optIntraOpThreads(threads).build(file)) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("engine", "onnxruntime");
                extra.put("onnxruntime_intra_op_threads", threads);
                extra.put("batchnorm_folded", true);
                return timedInference(w, new Predictor(onnx), batch, steps, warmup, extra);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private BenchResult timedInference(Workload w, Predictor predictor, PairedBatch batch, int steps, int warmup,
                                       Map<String, Object> extra) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            predictor.probabilities(batch);
            if (i >= warmup) {
                times.add((System.nanoTime() - t0) / 1e9);
            }
        }
        StepStats s = StepStats.of(times);
        if (batch.batchSize() == 1) {
            extra.put("latency_ms_p50", Math.round(s.median() * 1e5) / 100.0);
            extra.put("latency_ms_p99", Math.round(s.p99() * 1e5) / 100.0);
        }
        return result(w.cliName(), w.items(), batch.batchSize(), s, extra);
    }

    BenchResult result(String name, String items, int batch, StepStats s, Map<String, Object> extra) {
        return new BenchResult(name, items, config.res(), batch, config.width(), "fp32", s,
                batch / s.median(), ProcessMemory.peakRssMb(), extra, null);
    }
}
