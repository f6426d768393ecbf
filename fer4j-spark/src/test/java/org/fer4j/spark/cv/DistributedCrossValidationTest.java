package org.fer4j.spark.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.fer4j.data.FaceStore;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.experiments.CrossValidation;
import org.fer4j.experiments.Variant;
import org.fer4j.runs.EpochRecord;
import org.fer4j.runs.RunLog;
import org.fer4j.spark.LocalSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributedCrossValidationTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    /** The single-machine run of the same options: what {@code fer4j ablation} computes, fold after fold. */
    static List<CrossValidation.Outcome> sequential = new ArrayList<>();
    static List<List<EpochRecord>> sequentialEpochs = new ArrayList<>();

    static ExperimentOptions.Builder tiny(ExperimentOptions.Command c) {
        return ExperimentOptions.builder(c).optSubjects(8).optImagesPerClass(1).optEpochs(3).optBatchSize(8)
                .optWidth(0.125).optImageSize(32).optFolds(2).optSplWarmup("1").optSplSchedule(List.of(0.5, 1.0))
                .optSeed(11);
    }

    static ExperimentOptions ablation() {
        return tiny(ExperimentOptions.Command.ABLATION).optVariants(List.of("baseline", "spl")).build();
    }

    /**
     * Bit-identical needs the same intra-op threads on both sides (reductions split by thread count round
     * differently: at 2 threads here against 1 in the tasks, losses differ from the 7th digit on and drift
     * with SPL's selections), so the reference runs with the tasks' one thread, as {@code fer4j ablation}
     * does on a one-core machine or with {@code -Dai.djl.pytorch.num_threads=1}.
     */
    @BeforeAll
    static void singleMachineReference() throws IOException {
        org.fer4j.spark.executors.Threads.perTask(1);
        Experiment e = Experiment.resolve(ablation(), w -> { });
        try (FaceStore store = e.openStore()) {
            for (Variant v : e.variants()) {
                RunLog log = new RunLog(tmp.resolve("sequential").resolve(RunAssembly.slug(v.name())));
                sequential.add(CrossValidation.run(v.name(), store, e.spec(v), e.train(), e.selfPaced(v), e.folds(), log,
                        java.util.Map.of(), List.of(), true, false, e.probes(v), null));
                sequentialEpochs.add(RunLog.readEpochs(log.dir()));
            }
        }
        spark = LocalSpark.session();
    }

    @Test
    void twoRowsTimesTwoFoldsOnLocalSparkGiveTheSingleMachineNumbers() throws IOException {
        Path run = tmp.resolve("spark-ablation");
        DistributedCrossValidation.Outcome o = DistributedCrossValidation.run(spark, ablation(), run, false,
                DistributedCrossValidation.Execution.threads(1), line -> { });
        assertThat(o.tasksRun()).isEqualTo(4);
        assertThat(o.outcomes()).hasSize(2);
        for (int v = 0; v < 2; v++) {
            CrossValidation.Outcome got = o.outcomes().get(v);
            CrossValidation.Outcome want = sequential.get(v);
            assertThat(got.variant()).isEqualTo(want.variant());
            assertThat(got.folds()).extracting(EvaluationResult::accuracy)
                    .containsExactlyElementsOf(want.folds().stream().map(EvaluationResult::accuracy).toList());
            Path dir = run.resolve(RunAssembly.slug(got.variant()));
            assertThat(losses(RunLog.readEpochs(dir))).isEqualTo(losses(sequentialEpochs.get(v)));
            assertThat(RunLog.readEpochs(dir)).extracting(EpochRecord::fold).containsExactly(0, 0, 0, 1, 1, 1);
            // the single-machine run's layout, file for file, plus what the driver writes first
            assertThat(files(dir)).containsAll(files(tmp.resolve("sequential").resolve(RunAssembly.slug(got.variant()))))
                    .contains(RunLog.CONFIG, RunLog.FOLDS, "fold-1/model/model.json", "fold-0/predictions.csv");
            assertThat(dir.resolve(FoldCommit.TASKS)).doesNotExist();
        }
        assertThat(run.resolve("ablation.json")).exists();
        assertThat(o.comparisons()).hasSize(1);
    }

    @Test
    void aTaskKilledOnItsFirstAttemptIsRetriedAndTheRunFolderIsComplete() throws IOException {
        Path run = tmp.resolve("spark-retry");
        ExperimentOptions cv = tiny(ExperimentOptions.Command.CV).optModel("baseline").optSpl(false).build();
        DistributedCrossValidation.Outcome o = DistributedCrossValidation.run(spark, cv, run, false,
                new DistributedCrossValidation.Execution(1, 0, 1), line -> { });
        // the same row and folds as the ablation's baseline, so the retried fold must give the same number
        assertThat(o.outcomes().get(0).folds()).extracting(EvaluationResult::accuracy)
                .containsExactlyElementsOf(sequential.get(0).folds().stream().map(EvaluationResult::accuracy).toList());
        List<EpochRecord> epochs = RunLog.readEpochs(run);
        assertThat(epochs).extracting(EpochRecord::fold).containsExactly(0, 0, 0, 1, 1, 1); // no line of the failed attempt
        assertThat(losses(epochs)).isEqualTo(losses(sequentialEpochs.get(0)));
        assertThat(run.resolve(FoldCommit.TASKS)).doesNotExist();
        try (Stream<Path> all = Files.walk(run)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.contains("attempt"));
        }

        DistributedCrossValidation.Outcome again = DistributedCrossValidation.run(spark, cv, run, true,
                DistributedCrossValidation.Execution.threads(1), line -> { });
        assertThat(again.tasksRun()).isZero();
        assertThat(again.outcomes().get(0).accuracy()).isEqualTo(o.outcomes().get(0).accuracy());
        assertThat(RunLog.readEpochs(run)).isEqualTo(epochs);

        ExperimentOptions longer = tiny(ExperimentOptions.Command.CV).optModel("baseline").optSpl(false).optEpochs(4).build();
        assertThatThrownBy(() -> DistributedCrossValidation.run(spark, longer, run, true,
                DistributedCrossValidation.Execution.threads(1), line -> { }))
                .hasMessageContaining("train.epochs").hasMessageContaining("--force-resume");
        assertThatThrownBy(() -> DistributedCrossValidation.run(spark, cv, run, false,
                DistributedCrossValidation.Execution.threads(1), line -> { }))
                .hasMessageContaining("already holds a run");
    }

    @Test
    void refusesBadOptionsBeforeAnyTaskRuns() {
        assertThatThrownBy(() -> Experiment.resolve(tiny(ExperimentOptions.Command.ABLATION)
                .optVariants(List.of("baseline", "ndf+")).build(), w -> { })).hasMessageContaining("unknown ablation row 'ndf+'");
        assertThatThrownBy(() -> Experiment.resolve(tiny(ExperimentOptions.Command.ABLATION)
                .optVariants(List.of("baseline")).optAgainst("spndl").build(), w -> { }))
                .hasMessageContaining("--against spndl is not a row");
        assertThatThrownBy(() -> Experiment.resolve(tiny(ExperimentOptions.Command.CV).optDataset("ckplus", null).build(),
                w -> { })).hasMessageContaining("--dataset ckplus needs --root");
        assertThatThrownBy(() -> Experiment.resolve(tiny(ExperimentOptions.Command.CV).optSplWarmup("soon").build(),
                w -> { })).hasMessageContaining("--spl-warmup soon");
        assertThatThrownBy(() -> Experiment.resolve(tiny(ExperimentOptions.Command.CV).optEpochs(2).build(), w -> { }))
                .hasMessageContaining("2 epochs cannot hold");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<Double> losses(List<EpochRecord> epochs) {
        return epochs.stream().map(EpochRecord::loss).toList();
    }
}
