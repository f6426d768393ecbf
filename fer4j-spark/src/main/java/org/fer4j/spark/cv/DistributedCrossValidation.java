package org.fer4j.spark.cv;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.fer4j.data.Dataset;
import org.fer4j.evaluation.PairedComparison;
import org.fer4j.experiments.CrossValidation;
import org.fer4j.experiments.FoldsFile;
import org.fer4j.experiments.ResumeCheck;
import org.fer4j.experiments.Variant;
import org.fer4j.runs.RunLock;
import org.fer4j.runs.RunLog;
import org.fer4j.spark.executors.Natives;

/**
 * {@code cv} and {@code ablation} on a cluster: every (row, fold) pair is one Spark task that trains exactly
 * what the single-machine run trains for it, so the numbers are the same; the driver checks the options,
 * writes the configuration and folds first, and assembles the run folder from the committed folds last.
 * A failed task is retried by Spark into a fresh folder; with {@code resume} a run that stopped trains only
 * the folds that were not committed.
 */
public final class DistributedCrossValidation {
    /** Per-row outcomes in order, the paired comparisons, and how many fold tasks this call ran. */
    public record Outcome(Path runDir, List<CrossValidation.Outcome> outcomes, List<PairedComparison> comparisons,
                          int tasksRun, double seconds) {
        public Outcome {
            outcomes = List.copyOf(outcomes);
            comparisons = List.copyOf(comparisons);
        }
    }

    /**
     * How the run is spread: PyTorch threads per task, and (to check that a retry leaves the run folder
     * consistent) the task, by row and fold position, whose first attempt fails; -1 for none.
     */
    public record Execution(int threadsPerTask, int failRow, int failFold) {
        public Execution {
            if (threadsPerTask < 1) {
                throw new IllegalArgumentException("--threads-per-task must be at least 1, got " + threadsPerTask);
            }
            if ((failRow < 0) != (failFold < 0)) {
                throw new IllegalArgumentException("a failing task is named by its row and its fold position");
            }
        }

        public static Execution threads(int threadsPerTask) {
            return new Execution(threadsPerTask, -1, -1);
        }
    }

    private DistributedCrossValidation() {
    }

    /**
     * @param out    the run folder, on a file system the driver and every executor share; null for
     *               {@code runs/<time>-<command>-<model>} as the CLI names it
     * @param resume continue the run in {@code out}: committed folds are kept, the others trained
     * @param log    progress and warnings, one line each
     */
    public static Outcome run(SparkSession spark, ExperimentOptions options, Path out, boolean resume, Execution exec,
                              Consumer<String> log) throws IOException {
        long start = System.nanoTime();
        Natives.offline();
        Experiment e = Experiment.resolve(options, log);
        Path runDir = runFolder(out, e, resume);
        try (RunLock lock = RunLock.acquire(runDir)) { // as the CLI: one process writes a run folder at a time
            return run(spark, e, runDir, resume, exec, log, start);
        }
    }

    private static Outcome run(SparkSession spark, Experiment e, Path runDir, boolean resume, Execution exec,
                               Consumer<String> log, long start) throws IOException {
        ExperimentOptions options = e.options();
        Dataset ds = e.dataset();
        String fingerprint = ResumeCheck.fingerprint(ds);
        Map<Variant, Map<String, Object>> configs = new LinkedHashMap<>();
        for (Variant v : e.variants()) {
            configs.put(v, config(e, v, fingerprint, exec, spark));
        }
        if (resume) { // before anything is rewritten: a refused resume leaves the run folder as it was
            for (Variant v : e.variants()) {
                Path file = RunAssembly.variantDir(runDir, e, v).resolve(RunLog.CONFIG);
                ResumeCheck.require(file, configs.get(v), options.forceResume())
                        .forEach(c -> log.accept("--force-resume: continuing although " + c));
            }
        }
        RunLog root = new RunLog(runDir);
        root.writeJson(RunLog.FOLDS, e.folds());
        List<FoldTask> tasks = new ArrayList<>();
        for (int vi = 0; vi < e.variants().size(); vi++) {
            Variant v = e.variants().get(vi);
            Path dir = RunAssembly.variantDir(runDir, e, v);
            if (!resume) {
                FoldCommit.delete(dir.resolve(FoldCommit.TASKS));
            }
            RunLog vlog = new RunLog(dir);
            vlog.writeJson(RunLog.CONFIG, configs.get(v));
            if (e.variants().size() > 1) {
                vlog.writeJson(RunLog.FOLDS, e.folds());
            }
            for (int fi = 0; fi < e.folds().size(); fi++) {
                if (!resume || !RunAssembly.done(dir, e.folds().get(fi).index())) {
                    tasks.add(new FoldTask(vi, fi));
                }
            }
        }
        log.accept(String.format(java.util.Locale.ROOT, "%s: %d samples, %d subjects; %d row(s) × %d fold(s): %d task(s)"
                + " to train; run folder %s", ds.name(), ds.size(), ds.subjects().size(), e.variants().size(),
                e.folds().size(), tasks.size(), runDir));
        if (!tasks.isEmpty()) {
            FoldTask failing = exec.failRow() < 0 ? null : new FoldTask(exec.failRow(), exec.failFold());
            Map<String, String> trainedOn = Map.of("dataset", ds.name(), "dataset_fingerprint", fingerprint,
                    "seed", Long.toString(options.seed), "code_version", Versions.fer4j());
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            jsc.setJobDescription("fer4j " + options.command().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + tasks.size() + " fold task(s)");
            List<Integer> ids = IntStream.range(0, tasks.size()).boxed().toList();
            List<String> done = jsc.parallelize(ids, ids.size())
                    .map(new FoldRunner(options, runDir, tasks, exec.threadsPerTask(), failing, trainedOn)).collect();
            done.forEach(log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<CrossValidation.Outcome> outcomes = new ArrayList<>();
        for (Variant v : e.variants()) {
            Path dir = RunAssembly.variantDir(runDir, e, v);
            RunAssembly.merge(dir, e.folds());
            outcomes.add(CrossValidation.summarise(v.name(), RunAssembly.results(dir, e.folds()),
                    RunAssembly.probes(dir, e.folds()), seconds, new RunLog(dir)));
        }
        List<PairedComparison> comparisons = Ablations.compare(outcomes, Ablations.testTrainRatio(ds, e.folds()), e.against());
        if (e.variants().size() > 1) {
            root.writeJson("ablation.json", Ablations.summary(e, outcomes, comparisons, seconds));
        }
        return new Outcome(runDir, outcomes, comparisons, tasks.size(), seconds);
    }

    private static Path runFolder(Path out, Experiment e, boolean resume) throws IOException {
        if (out == null) {
            if (resume) {
                throw new IllegalArgumentException("--resume needs --out RUN_DIR naming the run to continue");
            }
            String name = e.options().command().name().toLowerCase(java.util.Locale.ROOT) + "-"
                    + (e.variants().size() == 1 ? e.variants().get(0).kind() : "ablation");
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            out = Path.of("runs", stamp + "-" + name);
        }
        if (!resume) {
            for (Variant v : e.variants()) {
                if (Files.isDirectory(RunAssembly.variantDir(out, e, v).resolve("checkpoints"))) {
                    throw new IllegalArgumentException(out + ": already holds a run (checkpoints/); add --resume to"
                            + " continue it or choose another --out");
                }
            }
        }
        Files.createDirectories(out);
        return out.toAbsolutePath();
    }

    /** The row's {@code config.json}: the keys the CLI writes (and {@code --resume} compares), and how Spark ran it. */
    private static Map<String, Object> config(Experiment e, Variant v, String fingerprint, Execution exec,
                                              SparkSession spark) {
        ExperimentOptions o = e.options();
        Dataset ds = e.dataset();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", o.command().name().toLowerCase(java.util.Locale.ROOT));
        c.put("variant", v.name());
        c.put("seed", o.seed);
        c.put("model", e.spec(v));
        c.put("train", e.train());
        c.put("self_paced", e.selfPaced(v));
        c.put("dataset", Map.of("name", ds.name(), "root", String.valueOf(o.root), "samples", ds.size(),
                "subjects", ds.subjects().size(), "pairs", ds.pairs(), "per_class", ds.countsPerClass(),
                "skipped", ds.skipped().size()));
        c.put("protocol", e.protocol().id());
        c.put("folds", e.folds().size());
        c.put("fold_samples", Ablations.foldSamples(ds, e.folds()));
        c.put("dataset_fingerprint", fingerprint);
        c.put("fold_subjects", e.folds());
        c.put("folds_hash", FoldsFile.hash(e.folds()));
        if (o.foldsFile != null) {
            c.put("folds_file", Path.of(o.foldsFile).toAbsolutePath().normalize().toString());
        }
        c.put("code_version", Versions.fer4j());
        c.put("versions", Versions.all());
        c.put("spark", Map.of("version", spark.version(), "master", spark.sparkContext().master(),
                "threads_per_task", exec.threadsPerTask()));
        return c;
    }

    /** fer4j's and its engine's versions, as a run records them. */
    static final class Versions {
        private Versions() {
        }

        static String fer4j() {
            String v = DistributedCrossValidation.class.getPackage().getImplementationVersion();
            return v != null ? v : "0.1.0-SNAPSHOT";
        }

        static Map<String, String> all() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("fer4j", fer4j());
            m.put("djl", Engine.getDjlVersion());
            m.put("java", System.getProperty("java.version"));
            return m;
        }
    }
}
