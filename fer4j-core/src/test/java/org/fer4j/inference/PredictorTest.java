package org.fer4j.inference;

import org.fer4j.testing.Fits;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.fer4j.data.ImageRef;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.evaluation.Predictions;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.TinyFaces;
import org.fer4j.runs.RunLog;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} and {@code evaluate} run one forward path: the same images give the same
 * probabilities; one predictor shared by 8 threads answers as it does sequentially; a bad input of a
 * batch fails alone.
 */
class PredictorTest {
    @TempDir
    Path dir;

    @Test
    void predictEqualsEvaluateAndConcurrentUseEqualsSequential() throws Exception {
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(3, 3, 2), Preprocessing.rgb(32), true)) {
            int[] train = IntStream.range(0, 18).toArray();
            int[] test = IntStream.range(0, store.size()).toArray();
            ModelSpec spec = new ModelSpec(ModelKind.SPNDL, 1.0 / 16, store.preprocessing(), store.labels());
            TrainConfig cfg = new TrainConfig(2, 6, 2e-3, 0.9, 0.999, 5, true, 0.02, 0.5);
            // Trained, so BatchNorm's running statistics are not the initial ones (folding would move them).
            try (var trained = Fits.recorded(spec, cfg, SelfPacedConfig.disabled(), store, new RunLog(dir),
                    TrainingLoop.Options.of(0)).fit(train, new int[0], new int[0]);
                 Predictor predictor = new Predictor(trained.model())) {
                float[][] evaluated = Predictions.of(trained.model(), store, test, test.length, false).probabilities();
                List<FaceInput> inputs = new ArrayList<>();
                for (int i : test) {
                    Sample s = store.sample(i);
                    inputs.add(new FaceInput(s.id(), s.image(), s.neutral(), s.box(), s.neutralBox()));
                }
                List<Prediction> sequential = predictor.predict(inputs);
                assertThat(sequential).hasSize(test.length);
                for (int i = 0; i < test.length; i++) {
                    double[] p = sequential.get(i).probabilities();
                    for (int k = 0; k < p.length; k++) {
                        assertThat(p[k]).as("sample %d class %d", i, k).isEqualTo((double) evaluated[i][k]);
                    }
                }

                // Each thread's batch answered alone first (a batch's size may change the kernels' rounding).
                List<List<FaceInput>> parts = new ArrayList<>();
                List<List<Prediction>> alone = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    parts.add(inputs.subList(t, Math.min(inputs.size(), t + 1 + 2 * t)));
                    alone.add(predictor.predict(parts.get(t)));
                }
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<List<Prediction>>> futures = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        List<FaceInput> part = parts.get(t);
                        futures.add(pool.submit(() -> {
                            List<Prediction> all = new ArrayList<>();
                            for (int rep = 0; rep < 3; rep++) {
                                all.addAll(predictor.predict(part));
                            }
                            return all;
                        }));
                    }
                    for (int t = 0; t < 8; t++) {
                        List<Prediction> got = futures.get(t).get();
                        int len = parts.get(t).size();
                        assertThat(got).hasSize(3 * len);
                        for (int j = 0; j < got.size(); j++) {
                            assertThat(got.get(j).probabilities()).as("thread %d row %d", t, j)
                                    .containsExactly(alone.get(t).get(j % len).probabilities());
                        }
                    }
                } finally {
                    pool.shutdownNow();
                }

                Sample s = store.sample(0);
                ImageRef missing = new ImageRef.FileImage(dir.resolve("no-such-face.png"));
                List<Predictor.Result> mixed = predictor.predictEach(List.of(inputs.get(0),
                        new FaceInput("bad", missing, s.neutral(), null), new FaceInput("no-neutral", s.image(), null, null),
                        inputs.get(1)));
                assertThat(mixed).extracting(Predictor.Result::ok).containsExactly(true, false, false, true);
                assertThat(mixed.get(1).failure()).contains("no-such-face.png");
                assertThat(mixed.get(2).failure()).contains("neutral");
                assertThat(mixed.get(0).prediction().label()).isEqualTo(predictor.predict(inputs.subList(0, 2)).get(0).label());
            }
        }
    }
}
