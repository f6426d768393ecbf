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
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fer4j.data.FaceStore;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.Predictions;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelSpec;
import org.fer4j.util.AtomicFiles;

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

    /** Optional settings of the loop itself. */
    /**
     * @param stopAfterEpochs end this invocation after that many epochs in total (0 = train to the end);
     *                        a later {@code resume} continues — for time-boxed jobs
     */
    public record Options(int fold, boolean resume, boolean progress, boolean saveFeatures, int evalBatchSize,
                          int stopAfterEpochs) {
        public Options(int fold, boolean resume, boolean progress, boolean saveFeatures, int evalBatchSize) {
            this(fold, resume, progress, saveFeatures, evalBatchSize, 0);
        }

        public static Options quiet(int fold) {
            return new Options(fold, false, false, false, 64);
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

    public TrainingLoop(ModelSpec spec, TrainConfig config, SelfPacedConfig spl, FaceStore store, RunLog log,
                        Options options) {
        this.spec = spec;
        this.config = config;
        this.spl = spl;
        this.store = store;
        this.log = log;
        this.options = options;
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
        long started = System.nanoTime();
        int fold = options.fold();
        EpochPlan plan = new EpochPlan(config.epochs(), spl);
        SelfPacedScheduler scheduler = spl.enabled() ? new SelfPacedScheduler(spl, store.labels()) : null;
        if (scheduler != null) {
            scheduler.checkClassSizes(labelsOf(train));
        }
        Path ckpt = log.checkpointDir(fold);
        Path last = ckpt.resolve("last");
        Path best = ckpt.resolve("best");
        Files.createDirectories(log.foldDir(fold));

        FerModel model;
        TrainingStep step;
        CheckpointState state;
        if (options.resume() && Files.isDirectory(last)) {
            ModelSpec saved = FerModel.readSpec(last.resolve("model"));
            if (!saved.equals(spec)) {
                throw new IllegalArgumentException("checkpoint " + last + " was saved for " + describe(saved)
                        + " but this run asks for " + describe(spec) + "; resume with the same options or start a new run folder");
            }
            model = FerModel.load(last.resolve("model"), spec);
            step = TrainingSteps.forModel(model, config);
            step.loadState(last);
            state = CheckpointState.read(last);
            log.truncateFrom(RunLog.METRICS, fold, "epoch", state.epochsDone() + 1);
            // Paces that contain the next epoch have not ended: their lines (if any) are rewritten.
            log.truncateFrom(RunLog.SPL, fold, "pace", state.epochsDone() < plan.epochs()
                    ? plan.paceOf(state.epochsDone()) : Integer.MAX_VALUE);
        } else {
            model = FerModel.create(spec, config.seed());
            step = TrainingSteps.forModel(model, config);
            state = CheckpointState.fresh();
        }

        PairedAugmentation augmentation = config.augment()
                ? new PairedAugmentation(config.flipProbability(), config.noiseSigma(), store.preprocessing().std())
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
                if (!Double.isFinite(stats.loss)) {
                    throw new TrainingDivergedException("loss became " + stats.loss + " in epoch " + (epoch + 1)
                            + " of fold " + fold + "; lower the learning rate (--lr, now " + config.learningRate()
                            + "). The last good checkpoint is kept in " + last);
                }
                Map<String, Object> line = RunLog.record("fold", fold, "epoch", epoch + 1, "pace", paceNo,
                        "loss", stats.loss, "train_accuracy", stats.accuracy, "admitted", admitted.length);
                line.put("losses", stats.named);
                if (validation.length > 0) {
                    double valAcc = Predictions.of(model, store, validation, options.evalBatchSize(), false)
                            .evaluate(store.labels().names()).accuracy();
                    line.put("val_accuracy", valAcc);
                    if (valAcc > state.bestValidation()) {
                        state = state.withBest(valAcc, epoch + 1);
                        model.save(best);
                    }
                }
                boolean paceEnd = plan.endsPace(epoch);
                if (paceEnd && test.length > 0) {
                    Predictions tp = Predictions.of(model, store, test, options.evalBatchSize(), options.saveFeatures());
                    double testAcc = tp.evaluate(store.labels().names()).accuracy();
                    line.put("test_accuracy", testAcc);
                    if (options.saveFeatures()) {
                        FeatureFiles.write(log.dir().resolve("features").resolve("fold-" + fold + "-pace-" + paceNo + ".csv"),
                                store, tp);
                    }
                    if (scheduler != null && paceNo > 0) {
                        paces.add(currentPace);
                        log.append(RunLog.SPL, paceRecord(fold, currentPace, testAcc));
                        if (options.saveFeatures()) {
                            Thumbnails.writeExcluded(log.dir().resolve("thumbnails"), fold, currentPace, store);
                        }
                    }
                }
                line.put("seconds", (System.nanoTime() - epochStart) / 1e9);
                log.append(RunLog.METRICS, line);
                state = state.next(epoch + 1, currentPace, admitted);
                saveCheckpoint(last, model, step, state);
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
                ? Predictions.of(finalModel, store, test, options.evalBatchSize(), options.saveFeatures()) : null;
        EvaluationResult testResult = testPredictions == null ? null : testPredictions.evaluate(store.labels().names());
        finalModel.save(log.foldDir(fold).resolve("model"));
        if (testResult != null) {
            log.writeJson(log.foldDir(fold).resolve("eval.json"), testResult);
            PredictionFiles.write(log.foldDir(fold).resolve("predictions.csv"), store, testPredictions);
            if (options.saveFeatures()) {
                FeatureFiles.write(log.dir().resolve("features").resolve("fold-" + fold + "-final.csv"), store,
                        testPredictions);
                Thumbnails.writeMistakes(log.dir().resolve("thumbnails"), fold, store, testPredictions, 12);
            }
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
        ProgressBar bar = options.progress() ? new ProgressBarBuilder().setTaskName("fold " + options.fold()
                + " epoch " + (epoch + 1)).setInitialMax(batches).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build() : null;
        try {
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
                if (!Double.isFinite(r.total())) {
                    return new EpochStats(r.total(), Double.NaN, r.losses());
                }
                int n = batch.batchSize();
                lossSum += r.total() * n;
                correct += r.correct();
                seen += n;
                r.losses().forEach((k, v) -> named.merge(k, v * n, Double::sum));
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.3f acc %.3f", lossSum / seen,
                            (double) correct / seen));
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
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

    private void saveCheckpoint(Path last, FerModel model, TrainingStep step, CheckpointState state) throws IOException {
        AtomicFiles.replaceDirectory(last, tmp -> {
            model.save(tmp.resolve("model"));
            step.saveState(tmp);
            state.write(tmp);
        });
    }

    private int[] labelsOf(int[] idx) {
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            l[i] = store.label(idx[i]);
        }
        return l;
    }

    private Map<String, Object> paceRecord(int fold, Pace pace, double testAcc) {
        List<String> excludedIds = new ArrayList<>();
        for (int i : pace.excluded()) {
            excludedIds.add(store.sample(i).id());
        }
        return RunLog.record("fold", fold, "pace", pace.number(), "fraction", pace.fraction(), "lambda", pace.lambda(),
                "admitted_per_class", pace.admittedPerClass(), "admitted", pace.admitted().length,
                "excluded_ids", excludedIds, "test_accuracy", testAcc);
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
