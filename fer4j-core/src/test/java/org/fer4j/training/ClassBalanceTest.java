package org.fer4j.training;

import org.fer4j.testing.Fits;
import org.fer4j.runs.RunLog;
import org.fer4j.models.Losses;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassBalanceTest {
    @TempDir
    Path dir;

    @Test
    void weightsAreInverseFrequencyWithMeanOne() {
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2};
        float[] w = ClassBalance.inverseFrequencyWeights(labels, 3);
        assertThat(w[0]).isCloseTo(10f / 18, within(1e-6f));
        assertThat(w[1]).isCloseTo(10f / 9, within(1e-6f));
        assertThat(w[2]).isCloseTo(10f / 3, within(1e-6f));
        double mean = Arrays.stream(labels).mapToDouble(l -> w[l]).sum() / labels.length;
        assertThat(mean).isCloseTo(1.0, within(1e-6));
        // a class absent from the training part gets 0 and the others are normalised over the classes present
        float[] absent = ClassBalance.inverseFrequencyWeights(new int[] {0, 0, 2}, 3);
        assertThat(absent).containsExactly(0.75f, 0f, 1.5f);
    }

    @Test
    void balancedDrawGivesEqualClassFrequenciesDeterministically() {
        int n0 = 9000, n1 = 900, n2 = 100;
        int[] labels = new int[n0 + n1 + n2];
        Arrays.fill(labels, n0, n0 + n1, 1);
        Arrays.fill(labels, n0 + n1, labels.length, 2);
        int[] indices = IntStream.range(0, labels.length).map(i -> 1000 + i).toArray();
        int[] order = ClassBalance.balancedDraw(indices, labels, 4, new Random(3));
        assertThat(order).hasSize(labels.length);
        int[] freq = new int[3];
        for (int i : order) {
            freq[labels[i - 1000]]++;
        }
        for (int f : freq) {
            assertThat((double) f / order.length).isCloseTo(1.0 / 3, within(0.03));
        }
        assertThat(ClassBalance.balancedDraw(indices, labels, 4, new Random(3))).isEqualTo(order);
        assertThat(ClassBalance.balancedDraw(indices, labels, 4, new Random(4))).isNotEqualTo(order);
        assertThatThrownBy(() -> ClassBalance.parse("square")).hasMessageContaining("none, weights or sampling");
    }

    @Test
    void weightedBatchLossIsTheWeightedMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            var losses = m.create(new float[] {1, 2, 3});
            assertThat(Losses.batchMean(losses, null).getFloat()).isEqualTo(2f);
            assertThat(Losses.batchMean(losses, m.create(new float[] {1, 1, 2})).getFloat()).isCloseTo(2.25f, within(1e-6f));
        }
    }

    @Test
    void theClassificationStepMinimisesTheWeightedMeanWhenTheBatchCarriesWeights() throws Exception {
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(1, 2, 3), Preprocessing.rgb(32), true)) {
            ModelSpec spec = new ModelSpec(ModelKind.BASELINE, 1.0 / 16, store.preprocessing(), store.labels());
            TrainConfig cfg = new TrainConfig(1, 6, 1e-3, 0.9, 0.999, 7, false, 0.02, 0.5);
            int[] all = IntStream.range(0, store.size()).toArray();
            float[] classWeights = {0.5f, 1f, 3f};
            PairedBatch plain = new BatchAssembler(store, false, null).assemble(all, null);
            PairedBatch weighted = new BatchAssembler(store, false, null, classWeights).assemble(all, null);
            assertThat(weighted.weights()).containsExactly(0.5f, 0.5f, 1f, 1f, 3f, 3f);
            float[] perSample;
            try (FerModel m = FerModel.create(spec, 7); NDManager sub = m.manager().newSubManager()) {
                var logits = m.forward(new ai.djl.training.ParameterStore(sub, false), plain.toInputs(sub, false), true).get(0);
                perSample = Losses.crossEntropyPerSample(logits, plain.labelArray(sub)).toFloatArray();
            }
            double mean = 0, wsum = 0, wl = 0;
            for (int i = 0; i < perSample.length; i++) {
                mean += perSample[i] / perSample.length;
                wsum += weighted.weights()[i];
                wl += weighted.weights()[i] * perSample[i];
            }
            for (PairedBatch b : new PairedBatch[] {plain, weighted}) {
                try (FerModel m = FerModel.create(spec, 7); NDManager sub = m.manager().newSubManager()) {
                    double loss = new ClassificationStep(m, cfg).train(sub, b).total();
                    assertThat(loss).isCloseTo(b == plain ? mean : wl / wsum, within(1e-5));
                }
            }
        }
    }

    @Test
    void trainingLoopSamplesBalancedEpochsAndWeightsTheLoss() throws Exception {
        // 3 classes; keep only one surprise image per subject: 4:4:1 per subject
        Dataset full = TinyFaces.dataset(2, 4, 9);
        Dataset imbalanced = full.filter(s -> s.label() != Emotion.SURPRISE || s.id().endsWith("_0"));
        try (InMemoryFaces store = InMemoryFaces.load(imbalanced, Preprocessing.rgb(32), true)) {
            int[] all = IntStream.range(0, store.size()).toArray();
            ModelSpec spec = new ModelSpec(ModelKind.BASELINE, 1.0 / 16, store.preprocessing(), store.labels());
            TrainConfig base = new TrainConfig(1, 6, 3e-3, 0.9, 0.999, 7, false, 0.02, 0.5);

            TrainingLoop sampling = Fits.recorded(spec, base.withClassBalance(ClassBalance.SAMPLING),
                    SelfPacedConfig.disabled(), store, new RunLog(dir.resolve("s")), TrainingLoop.Options.of(0));
            int[] freq = new int[3];
            for (int epoch = 0; epoch < 200; epoch++) {
                for (int i : sampling.epochOrder(all, epoch)) {
                    freq[store.label(i)]++;
                }
            }
            int draws = 200 * all.length;
            for (int f : freq) {
                assertThat((double) f / draws).isCloseTo(1.0 / 3, within(0.03));
            }
            assertThat(sampling.epochOrder(all, 5)).isEqualTo(sampling.epochOrder(all, 5));

            double plain = firstEpochLoss(spec, base, store, all, "plain");
            double weighted = firstEpochLoss(spec, base.withClassBalance(ClassBalance.WEIGHTS), store, all, "weighted");
            assertThat(weighted).isFinite().isNotCloseTo(plain, within(1e-6));
        }
    }

    private double firstEpochLoss(ModelSpec spec, TrainConfig cfg, InMemoryFaces store, int[] all, String name)
            throws Exception {
        RunLog log = new RunLog(dir.resolve(name));
        try (TrainingLoop.Result r = Fits.recorded(spec, cfg, SelfPacedConfig.disabled(), store, log,
                TrainingLoop.Options.of(0)).fit(all, new int[0], new int[0])) {
            String line = Files.readAllLines(dir.resolve(name).resolve(RunLog.METRICS)).get(0);
            return ((Number) new ObjectMapper().readValue(line, Map.class).get("loss")).doubleValue();
        }
    }
}
