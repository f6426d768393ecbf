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
import java.util.stream.IntStream;
import org.fer4j.data.Dataset;
import org.fer4j.data.ImageRef;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.data.synth.SyntheticConfig;
import org.fer4j.data.synth.SyntheticFaces;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedAugmentation;
import org.fer4j.batches.PairedBatch;
import org.fer4j.runs.RunLog;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingLoop;
import org.fer4j.training.listeners.TrainingListeners;
import org.fer4j.runs.EpochRecord;
import org.fer4j.training.TrainingStep;
import org.fer4j.training.TrainingSteps;
import org.fer4j.util.AtomicFiles;

/**
 * The workloads on the synthetic faces: the data pipeline alone (PNG decode + crop + resize through the
 * parallel loader; batch assembly + paired augmentation as the prefetch thread does it), one training
 * epoch through {@link TrainingLoop}, and the memory soak. Files go to a temporary folder that is
 * removed afterwards.
 */
final class PipelineBenchmarks {
    /** The soak runs small on purpose: it looks for growth, not speed. */
    static final int SOAK_RES = 48;
    static final double SOAK_WIDTH = 0.125;
    static final int SOAK_BATCH = 8;

    private final BenchConfig config;

    PipelineBenchmarks(BenchConfig config) {
        this.config = config;
    }

    private Dataset synthetic() {
        // Sources larger than the input, as real face crops are: the resize is a real downscale.
        int render = Math.min(512, Math.max(64, 2 * config.res()));
        return SyntheticFaces.generate(SyntheticConfig.defaults(config.seed()).withSubjects(config.subjects())
                .withRenderSize(render));
    }

    /** {@code pipeline-decode} (images/s from PNG files, all cores) and {@code pipeline-batches} (one thread). */
    List<BenchResult> pipeline() throws IOException {
        Path dir = Files.createTempDirectory("fer4j-bench-");
        try {
            Dataset onDisk = writeAndList(synthetic(), dir);
            Preprocessing pre = Preprocessing.rgb(config.res());
            int decodesPerPass = onDisk.size() * 2; // every target and its neutral reference
            int passes = Math.min(config.steps(), 5);
            List<Double> times = new ArrayList<>();
            InMemoryFaces store = null;
            for (int i = 0; i < 1 + passes; i++) {
                long t0 = System.nanoTime();
                InMemoryFaces s = InMemoryFaces.load(onDisk, pre, true);
                if (i > 0) {
                    times.add((System.nanoTime() - t0) / 1e9);
                }
                store = s;
            }
            Benchmarks b = new Benchmarks(config);
            Map<String, Object> decodeExtra = new LinkedHashMap<>();
            decodeExtra.put("threads", Runtime.getRuntime().availableProcessors());
            decodeExtra.put("source_px", onDiskSide(onDisk));
            BenchResult decode = b.result("pipeline-decode", "images", decodesPerPass, StepStats.of(times), decodeExtra);

            ProcessMemory.resetPeak();
            PairedAugmentation aug = new PairedAugmentation(0.5, 0.02, pre.std());
            BatchAssembler assembler = new BatchAssembler(store, true, aug);
            int batch = Math.min(config.batch(), store.size());
            Random rng = new Random(config.seed());
            List<Double> batchTimes = new ArrayList<>();
            for (int i = 0; i < config.warmup() + config.steps() * 4; i++) {
                int[] idx = rng.ints(batch, 0, store.size()).toArray();
                long t0 = System.nanoTime();
                PairedBatch pb = assembler.assemble(idx, new Random(i));
                if (i >= config.warmup()) {
                    batchTimes.add((System.nanoTime() - t0) / 1e9);
                }
                if (pb.batchSize() != batch) {
                    throw new IllegalStateException("assembled " + pb.batchSize() + " of " + batch);
                }
            }
            Map<String, Object> batchExtra = new LinkedHashMap<>();
            batchExtra.put("threads", 1);
            batchExtra.put("augmentation", "paired flip-or-noise");
            BenchResult batches = b.result("pipeline-batches", "images", 2 * batch, StepStats.of(batchTimes), batchExtra);
            return List.of(decode, batches);
        } finally {
            deleteTree(dir);
        }
    }

    /** One SPNDL epoch over the whole synthetic set, without SPL or evaluation, batches prefetched. */
    BenchResult epoch() throws IOException {
        Path dir = Files.createTempDirectory("fer4j-bench-epoch-");
        try {
            long l0 = System.nanoTime();
            InMemoryFaces store = InMemoryFaces.load(synthetic(), Preprocessing.rgb(config.res()), true);
            double loadSeconds = (System.nanoTime() - l0) / 1e9;
            int batch = Math.max(2, config.batch());
            TrainConfig train = new TrainConfig(1, batch, 1e-3, 0.9, 0.999, config.seed(), true, 0.02, 0.5);
            RunLog log = new RunLog(dir);
            TrainingLoop loop = new TrainingLoop(Benchmarks.spec(ModelKind.SPNDL, config.width(), config.res()), train,
                    SelfPacedConfig.disabled(), store, log, TrainingLoop.Options.of(0),
                    TrainingListeners.standard(log, store, train, 0, false));
            int[] all = IntStream.range(0, store.size()).toArray();
            long t0 = System.nanoTime();
            double epochSeconds;
            try (TrainingLoop.Result r = loop.fit(all, new int[0], new int[0])) {
                epochSeconds = lastEpochSeconds(dir);
            }
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("pairs", store.size());
            extra.put("load_s", Math.round(loadSeconds * 100) / 100.0);
            extra.put("fit_s_with_checkpoint", Math.round(fitSeconds * 100) / 100.0);
            StepStats one = StepStats.of(List.of(epochSeconds));
            return new Benchmarks(config).result("epoch", "pairs", store.size(), one, extra);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * {@code soakSteps} SPNDL training steps at 48 px, width 0.125, batch 8, sampling resident memory
     * about 40 times (every 50 steps in the default 2,000); reports the growth per 1,000 steps fitted over
     * the second half (after warm-up).
     */
    BenchResult soak() {
        BenchConfig c = new BenchConfig(SOAK_RES, SOAK_BATCH, 1, SOAK_WIDTH, config.soakSteps(), config.warmup(),
                config.seed(), 1, config.soakSteps(), config.foldBatchNorm(), config.subjects());
        PairedBatch batch = Benchmarks.randomBatch(SOAK_BATCH, SOAK_RES, config.seed());
        List<double[]> samples = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        int every = Math.max(1, config.soakSteps() / 40);
        try (FerModel model = FerModel.create(Benchmarks.spec(ModelKind.SPNDL, SOAK_WIDTH, SOAK_RES), config.seed())) {
            TrainingStep step = TrainingSteps.forModel(model, Benchmarks.trainConfig(SOAK_BATCH, config.seed()));
            for (int i = 1; i <= config.soakSteps(); i++) {
                long t0 = System.nanoTime();
                try (NDManager sub = model.manager().newSubManager()) {
                    step.train(sub, batch);
                }
                times.add((System.nanoTime() - t0) / 1e9);
                if (i % every == 0 || i == config.soakSteps()) {
                    samples.add(new double[] {i, ProcessMemory.rssMb(), ProcessMemory.heapCommittedMb()});
                }
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        double first = samples.get(0)[1];
        double last = samples.get(samples.size() - 1)[1];
        double max = samples.stream().mapToDouble(s -> s[1]).max().orElse(-1);
        extra.put("rss_first_mb", Math.round(first));
        extra.put("rss_last_mb", Math.round(last));
        extra.put("rss_max_mb", Math.round(max));
        List<double[]> late = samples.subList(samples.size() / 2, samples.size());
        extra.put("rss_growth_mb_per_1000_steps", Math.round(slope(late, 1) * 1000 * 100) / 100.0);
        List<double[]> outsideHeap = late.stream().map(p -> new double[] {p[0], p[1] - p[2]}).toList();
        extra.put("non_heap_growth_mb_per_1000_steps", Math.round(slope(outsideHeap, 1) * 1000 * 100) / 100.0);
        extra.put("heap_committed_last_mb", Math.round(samples.get(samples.size() - 1)[2]));
        extra.put("soak_sizes", SOAK_RES + " px, width " + SOAK_WIDTH + ", batch " + SOAK_BATCH);
        return new Benchmarks(c).result("soak", "steps", 1, StepStats.of(times), extra);
    }

    /** Least-squares slope of column {@code y} over column 0 (MiB per step). */
    static double slope(List<double[]> xy, int y) {
        if (xy.size() < 2) {
            return 0;
        }
        double mx = xy.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = xy.stream().mapToDouble(p -> p[y]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] p : xy) {
            num += (p[0] - mx) * (p[y] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    /** Writes the set as PNGs + manifest.csv and lists it back with file references, in the same order. */
    static Dataset writeAndList(Dataset ds, Path dir) throws IOException {
        Path manifest = SyntheticFaces.writeManifest(ds, dir);
        List<String> lines = Files.readAllLines(manifest);
        if (lines.size() != ds.size() + 1) {
            throw new IOException(manifest + ": expected " + ds.size() + " rows, found " + (lines.size() - 1));
        }
        List<Sample> onDisk = new ArrayList<>(ds.size());
        for (int i = 0; i < ds.size(); i++) {
            String[] cols = lines.get(i + 1).split(",", -1); // path,label,subject,neutral
            Sample s = ds.samples().get(i);
            ImageRef neutral = cols[3].isEmpty() ? null : ImageRef.of(dir.resolve(cols[3]));
            onDisk.add(new Sample(s.id(), ImageRef.of(dir.resolve(cols[0])), s.label(), s.subject(), s.sequence(),
                    s.split(), neutral, s.box(), s.neutralBox()));
        }
        return new Dataset(ds.name() + "-png", ds.labels(), onDisk, List.of());
    }

    private static int onDiskSide(Dataset ds) throws IOException {
        return ds.samples().get(0).image().read().getWidth();
    }

    private static double lastEpochSeconds(Path runDir) throws IOException {
        List<EpochRecord> epochs = RunLog.readEpochs(runDir);
        return epochs.get(epochs.size() - 1).seconds();
    }

    private static void deleteTree(Path dir) {
        try {
            AtomicFiles.deleteRecursively(dir);
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a benchmark for
        }
    }

}
