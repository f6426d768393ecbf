package org.fer4j.spark.cv;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.fer4j.experiments.CrossValidation;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.experiments.Variant;
import org.fer4j.runs.RunLog;
import org.fer4j.spark.executors.Natives;
import org.fer4j.spark.executors.Threads;
import org.fer4j.training.TrainingListener;

/**
 * Trains one (variant, fold) task on an executor, exactly as the single-machine cross-validation trains
 * that fold (the same {@link CrossValidation} call with a one-fold list, so the same seed, samples and
 * listeners), into the attempt's own folder, which it commits when the fold is finished. Returns one line
 * for the driver's log. Tasks sharing an executor JVM train one at a time (see {@link #TRAINING}).
 */
final class FoldRunner implements Function<Integer, String> {
    private static final long serialVersionUID = 1L;
    /**
     * DJL 0.32 lets one gradient collector exist per JVM (PtGradientCollector refuses a second), so the fold
     * tasks of one executor JVM train one after another; parallelism comes from executors
     * ({@code spark.executor.cores=1}, more executors), see docs/SPARK.md.
     */
    private static final Object TRAINING = new Object();
    private final ExperimentOptions options;
    private final String runDir;
    private final List<FoldTask> tasks;
    private final int threadsPerTask;
    private final FoldTask failFirstAttempt;
    private final Map<String, String> trainedOn;

    /**
     * @param failFirstAttempt the task whose first attempt fails after its first epoch (to see a retry
     *                         leave the run folder consistent), or null
     */
    FoldRunner(ExperimentOptions options, Path runDir, List<FoldTask> tasks, int threadsPerTask,
               FoldTask failFirstAttempt, Map<String, String> trainedOn) {
        this.options = options;
        this.runDir = runDir.toAbsolutePath().toString();
        this.tasks = List.copyOf(tasks);
        this.threadsPerTask = threadsPerTask;
        this.failFirstAttempt = failFirstAttempt;
        this.trainedOn = Map.copyOf(trainedOn);
    }

    @Override
    public String call(Integer id) throws Exception {
        Natives.offline();
        Threads.perTask(threadsPerTask);
        FoldTask task = tasks.get(id);
        ExecutorExperiments.Prepared p = ExecutorExperiments.get(options);
        Experiment e = p.experiment();
        Variant v = e.variants().get(task.variant());
        FoldSubjects fold = e.folds().get(task.fold());
        TaskContext ctx = TaskContext.get();
        FoldCommit attempt = FoldCommit.begin(RunAssembly.variantDir(Path.of(runDir), e, v), fold.index(),
                ctx == null ? 0 : ctx.taskAttemptId());
        List<TrainingListener> extra = task.equals(failFirstAttempt) && (ctx == null || ctx.attemptNumber() == 0)
                ? List.of(new InjectedFailure()) : List.of();
        CrossValidation.Outcome o;
        synchronized (TRAINING) {
            o = CrossValidation.run(v.name(), p.store(), e.spec(v), e.train(), e.selfPaced(v), List.of(fold),
                    new RunLog(attempt.work()), trainedOn, extra, true, false, e.probes(v), null);
        }
        boolean first = attempt.commit();
        return String.format(Locale.ROOT, "%s fold %d: accuracy %.4f (%.0f s%s)", v.name(), fold.index(),
                o.folds().get(0).accuracy(), o.seconds(), first ? "" : ", a duplicate attempt; the first one's result is kept");
    }

    /** Fails a task's first attempt once it has written part of its fold: a stand-in for a lost executor. */
    private static final class InjectedFailure implements TrainingListener {
        @Override
        public void onEpochEnd(org.fer4j.training.TrainingListener.EpochEnd e) {
            throw new IllegalStateException("injected failure after epoch " + e.record().epoch() + " of fold " + e.fold()
                    + ", first attempt");
        }
    }
}
