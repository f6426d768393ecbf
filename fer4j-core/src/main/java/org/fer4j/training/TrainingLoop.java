package org.fer4j.training;

import org.fer4j.batches.PairedAugmentation;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedBatch;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fer4j.data.FaceStore;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.Predictions;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelSpec;
import org.fer4j.runs.EpochRecord;
import org.fer4j.runs.RunLog;

/**
 * Trains one model on one fold: epochs (grouped into self-paced paces when SPL is on), a validation
 * part for checkpoint selection (never the test part), per-epoch metrics, atomic checkpoints after
 * every epoch and an exact {@code --resume}. The same seed gives the same batches, augmentation, pace
 * selections and numbers. Batches are assembled on background threads while the previous one trains.
 */
public final class TrainingLoop {

    /** What one fold's training produced. {@code model} is owned by the caller. */
    public record Result(FerModel model, EvaluationResult test, EvaluationResult validation, List<Pace> paces,
                         Predictions testPredictions, double seconds) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Settings of the loop itself.
     *
     * @param stopAfterEpochs end this invocation after that many epochs in total (0 = train to the end);
     *                        a later {@code resume} continues — for time-boxed jobs
     */
    public record Options(int fold, boolean resume, int evalBatchSize, int stopAfterEpochs) {
        public Options {
            if (fold < 0 || evalBatchSize < 1 || stopAfterEpochs < 0) {
                throw new IllegalArgumentException("fold, evalBatchSize and stopAfterEpochs must be >= 0, >= 1, >= 0");
            }
        }

        public static Options of(int fold) {
            return new Options(fold, false, 64, 0);
        }

        public Options withResume(boolean r) {
            return new Options(fold, r, evalBatchSize, stopAfterEpochs);
        }

        public Options withStopAfterEpochs(int n) {
            return new Options(fold, resume, evalBatchSize, n);
        }
    }

    /**
     * Threads assembling batches ahead of the training step (read, augment, copy): half the processors,
     * 1 to 4. Each batch draws from its own seed, so the numbers do not depend on this.
     */
    static final int PREFETCH_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    private final ModelSpec spec;
    private final TrainConfig config;
    private final SelfPacedConfig spl;
    private final FaceStore store;
    private final RunLog log;
    private final Options options;
    private final List<TrainingListener> listeners;
    private final boolean features;

    /**
     * @param log       the run folder: where a resumed fit finds its last checkpoint and the best one
     * @param listeners what happens around the loop, in order (see {@code TrainingListeners.standard})
     */
    public TrainingLoop(ModelSpec spec, TrainConfig config, SelfPacedConfig spl, FaceStore store, RunLog log,
                        Options options, List<TrainingListener> listeners) {
        this.spec = spec;
        this.config = config;
        this.spl = spl;
        this.store = store;
        this.log = log;
        this.options = options;
        this.listeners = List.copyOf(listeners);
        this.features = this.listeners.stream().anyMatch(TrainingListener::needsFeatures);
    }

    /**
     * @param train indices of the training samples
     * @param validation indices for checkpoint selection (may be empty: then the last epoch is kept)
     * @param test indices evaluated at each pace end and at the end
     */
    public Result fit(int[] train, int[] validation, int[] test) throws IOException {
        if (train.length == 0) {
            throw new IllegalArgumentException("fold " + options.fold() + " has no training samples");
        }
        ProbeCurve probes = config.probeEvery() > 0 ? ProbeCurve.of(config, store, train, validation, options.fold()) : null;
        ConvolutionGradientCheck.requireReliable();
        long started = System.nanoTime();
        int fold = options.fold();
        EpochPlan plan = new EpochPlan(config.epochs(), spl);
        SelfPacedScheduler scheduler = spl.enabled() ? new SelfPacedScheduler(spl, store.labels()) : null;
        if (scheduler != null) {
            scheduler.checkClassSizes(labelsOf(train));
        }
        Path last = log.lastCheckpoint(fold);
        Path best = log.bestCheckpoint(fold);
        if (options.resume()) {
            // a process killed between the two renames of a checkpoint replacement left it moved aside
            org.fer4j.util.AtomicFiles.recover(last);
            org.fer4j.util.AtomicFiles.recover(best);
        }
        Files.createDirectories(log.foldDir(fold));

        FerModel model;
        TrainingStep step;
        CheckpointState state;
        if (options.resume() && Files.isDirectory(last)) {
            ModelSpec saved = FerModel.readSpec(last.resolve(RunLog.MODEL));
            if (!saved.equals(spec)) {
                throw new IllegalArgumentException("checkpoint " + last + " was saved for " + describe(saved)
                        + " but this run asks for " + describe(spec) + "; resume with the same options or start a new run folder");
            }
            model = FerModel.load(last.resolve(RunLog.MODEL), spec);
            step = TrainingSteps.forModel(model, config, store);
            step.loadState(last);
            state = CheckpointState.read(last);
        } else {
            model = FerModel.create(spec, config.seed());
            step = TrainingSteps.forModel(model, config, store);
            state = CheckpointState.fresh();
        }
        if (probes != null && model.network().representations().isEmpty()) {
            model.close();
            throw new IllegalArgumentException("--probe-every " + config.probeEvery() + ": model "
                    + spec.kind().cliName() + " has no representations to probe");
        }
        for (TrainingListener l : listeners) {
            l.onFitStart(new TrainingListener.FitStart(fold, state.epochsDone(), plan));
        }

        PairedAugmentation augmentation = config.augment()
                ? new PairedAugmentation(config.flipProbability(), config.noiseSigmaPerChannel(store.preprocessing().std()))
                : null;
        float[] classWeights = config.classBalance() == ClassBalance.WEIGHTS
                ? ClassBalance.inverseFrequencyWeights(labelsOf(train), store.labels().size()) : null;
        BatchAssembler assembler = new BatchAssembler(store, model.needsNeutral(), augmentation, classWeights);
        List<Pace> paces = new ArrayList<>();
        int[] admitted = state.admitted() != null ? state.admitted() : train.clone();
        Pace currentPace = state.pace();
        ExecutorService prefetch = Executors.newFixedThreadPool(PREFETCH_THREADS, r -> {
            Thread t = new Thread(r, "fer4j-batches");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int epoch = state.epochsDone(); epoch < plan.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                int paceNo = plan.paceOf(epoch);
                if (scheduler != null && plan.startsPace(epoch)) {
                    Predictions scores = Predictions.of(model, store, train, options.evalBatchSize(), false);
                    currentPace = scheduler.select(paceNo, train, scores.labels(), scores.losses());
                    admitted = currentPace.admitted();
                }
                if (paceNo == 0) {
                    admitted = train;
                }
                EpochStats stats = runEpoch(step, assembler, admitted, epoch, prefetch, model);
                Double valAcc = null;
                boolean improved = false;
                if (validation.length > 0) {
                    valAcc = Predictions.of(model, store, validation, options.evalBatchSize(), false)
                            .evaluate(store.labels().names()).accuracy();
                    if (valAcc > state.bestValidation()) {
                        state = state.withBest(valAcc, epoch + 1);
                        improved = true;
                    }
                }
                EpochRecord record = new EpochRecord(fold, epoch + 1, paceNo, stats.loss, stats.accuracy,
                        admitted.length, stats.named, valAcc, null, 0);
                if (probes != null && config.probesAt(epoch, plan.epochs())) {
                    record = record.withProbes(probes.measure(model, epoch));
                }
                if (plan.endsPace(epoch) && test.length > 0) {
                    Predictions tp = Predictions.of(model, store, test, options.evalBatchSize(), features);
                    double testAcc = tp.evaluate(store.labels().names()).accuracy();
                    record = record.withTestAccuracy(testAcc);
                    Pace selection = scheduler != null && paceNo > 0 ? currentPace : null;
                    if (selection != null) {
                        paces.add(selection);
                    }
                    for (TrainingListener l : listeners) {
                        l.onPaceEnd(new TrainingListener.PaceEnd(fold, paceNo, selection, tp, testAcc));
                    }
                }
                record = record.withSeconds((System.nanoTime() - epochStart) / 1e9);
                state = state.next(epoch + 1, currentPace, admitted);
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(new TrainingListener.EpochEnd(fold, record, model, step, state, improved));
                }
                if (options.stopAfterEpochs() > 0 && epoch + 1 >= options.stopAfterEpochs() && epoch + 1 < plan.epochs()) {
                    return new Result(model, null, null, paces, null, (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            prefetch.shutdownNow();
        }

        FerModel finalModel = model;
        if (validation.length > 0 && Files.isDirectory(best)) {
            model.close();
            finalModel = FerModel.load(best, spec);
        }
        EvaluationResult val = validation.length > 0
                ? Predictions.of(finalModel, store, validation, options.evalBatchSize(), false).evaluate(store.labels().names())
                : null;
        Predictions testPredictions = test.length > 0
                ? Predictions.of(finalModel, store, test, options.evalBatchSize(), features) : null;
        EvaluationResult testResult = testPredictions == null ? null : testPredictions.evaluate(store.labels().names());
        for (TrainingListener l : listeners) {
            l.onFitEnd(new TrainingListener.FitEnd(fold, finalModel, testPredictions, testResult));
        }
        return new Result(finalModel, testResult, val, paces, testPredictions, (System.nanoTime() - started) / 1e9);
    }

    private record EpochStats(double loss, double accuracy, Map<String, Double> named) {
    }

    private EpochStats runEpoch(TrainingStep step, BatchAssembler assembler, int[] indices, int epoch,
                                ExecutorService prefetch, FerModel model) {
        int[] order = epochOrder(indices, epoch);
        int b = config.batchSize();
        // Drop a trailing batch of one: BatchNorm cannot normalise a single image in training mode.
        int batches = (order.length + b - 1) / b;
        if (order.length % b == 1 && batches > 1) {
            batches--;
        }
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        Map<String, Double> named = new LinkedHashMap<>();
        step.onEpochStart(epoch);
        for (TrainingListener l : listeners) {
            l.onEpochStart(new TrainingListener.EpochStart(options.fold(), epoch, batches));
        }
        {
            ArrayDeque<CompletableFuture<PairedBatch>> ahead = new ArrayDeque<>();
            int submitted = 0;
            for (int i = 0; i < batches; i++) {
                while (submitted < batches && ahead.size() < PREFETCH_THREADS + 1) {
                    ahead.add(submit(prefetch, assembler, order, submitted++, b, epoch));
                }
                PairedBatch batch = ahead.poll().join();
                TrainingStep.StepResult r;
                try (NDManager sub = model.manager().newSubManager()) {
                    r = step.train(sub, batch);
                }
                int n = batch.batchSize();
                lossSum += r.total() * n;
                correct += r.correct();
                seen += n;
                r.losses().forEach((k, v) -> named.merge(k, v * n, Double::sum));
                for (TrainingListener l : listeners) {
                    l.onBatchEnd(new TrainingListener.BatchEnd(options.fold(), epoch, i, batches, r.total(),
                            lossSum / seen, (double) correct / seen));
                }
            }
        }
        final long total = seen;
        named.replaceAll((k, v) -> v / total);
        return new EpochStats(lossSum / seen, (double) correct / seen, named);
    }

    private CompletableFuture<PairedBatch> submit(ExecutorService pool, BatchAssembler assembler, int[] order, int batch,
                                                  int b, int epoch) {
        int from = batch * b;
        int to = Math.min(order.length, from + b);
        if (to - from == 1 && from > 0) {
            from--; // never a batch of one
        }
        int[] idx = Arrays.copyOfRange(order, from, to);
        long seed = mix(config.seed(), epoch, batch);
        return CompletableFuture.supplyAsync(() -> assembler.assemble(idx, new Random(seed)), pool);
    }

    private int[] labelsOf(int[] idx) {
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            l[i] = store.label(idx[i]);
        }
        return l;
    }

    private static String describe(ModelSpec s) {
        return s.kind() + " (width " + s.width() + ", " + s.labels().size() + " classes, "
                + s.preprocessing().size() + " px)";
    }

    /** The epoch's samples in training order: shuffled, or drawn class-balanced; fixed by seed and epoch. */
    int[] epochOrder(int[] indices, int epoch) {
        if (config.classBalance() == ClassBalance.SAMPLING) {
            return ClassBalance.balancedDraw(indices, labelsOf(indices), store.labels().size(),
                    new Random(mix(config.seed(), epoch, -2)));
        }
        int[] order = indices.clone();
        shuffle(order, new Random(mix(config.seed(), epoch, -1)));
        return order;
    }

    static long mix(long seed, int epoch, int batch) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + batch * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
