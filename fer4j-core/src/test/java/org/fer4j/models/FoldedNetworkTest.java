package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.inference.Predictor;
import org.fer4j.batches.PairedBatch;
import org.fer4j.testing.BatchNormStatistics;
import org.junit.jupiter.api.Test;

class FoldedNetworkTest {
    static final int SIZE = 32;

    static ModelSpec spec(ModelKind kind) {
        return new ModelSpec(kind, 1.0 / 16, Preprocessing.rgb(SIZE), LabelSet.CK_PLUS_7);
    }

    @Test
    void foldedBatchNormGivesTheSameOutputsWithin1e4ForEveryModel() {
        for (ModelKind kind : new ModelKind[] {ModelKind.BASELINE, ModelKind.SPNDL, ModelKind.SPNDL_NO_NEUTRAL}) {
            try (FerModel model = FerModel.create(spec(kind), 11); NDManager m = NDManager.newBaseManager()) {
                BatchNormStatistics.randomise(model, 12);
                NDList in = kind.needsNeutral()
                        ? new NDList(m.randomNormal(new Shape(3, 3, SIZE, SIZE)), m.randomNormal(new Shape(3, 3, SIZE, SIZE)))
                        : new NDList(m.randomNormal(new Shape(3, 3, SIZE, SIZE)));
                NDList plain = model.forward(new ParameterStore(model.manager(), false), in, false);
                FoldedNetwork folded = model.network().foldBatchNorm(m).orElseThrow();
                NDList f = folded.forward(in);
                for (int out = 0; out < 2; out++) {
                    float[] a = plain.get(out).toFloatArray();
                    float[] b = f.get(out).toFloatArray();
                    assertThat(b).hasSameSizeAs(a);
                    double maxDiff = 0;
                    double scale = 0;
                    for (int i = 0; i < a.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                        scale = Math.max(scale, Math.abs(a[i]));
                    }
                    assertThat(scale).as("%s output %d is not trivial", kind, out).isGreaterThan(1e-3);
                    assertThat(maxDiff).as("%s output %d", kind, out).isLessThan(1e-4);
                }
            }
        }
    }

    @Test
    void foldedPredictorGivesTheSamePredictionsAndIsASnapshot() {
        try (FerModel model = FerModel.create(spec(ModelKind.SPNDL), 21)) {
            BatchNormStatistics.randomise(model, 22);
            Random rng = new Random(23);
            int n = 5;
            float[] t = new float[n * 3 * SIZE * SIZE];
            float[] r = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) rng.nextGaussian();
                r[i] = (float) rng.nextGaussian();
            }
            PairedBatch batch = new PairedBatch(t, r, new int[n], new int[n], 3, SIZE);
            Predictor folded = new Predictor(model, true);
            Predictor plain = new Predictor(model, false);
            assertThat(folded.folded()).isTrue();
            assertThat(plain.folded()).isFalse();
            float[] pf = folded.probabilities(batch);
            float[] pp = plain.probabilities(batch);
            for (int i = 0; i < pp.length; i++) {
                assertThat((double) pf[i]).isCloseTo(pp[i], org.assertj.core.data.Offset.offset(1e-5));
            }
            for (int i = 0; i < n; i++) {
                assertThat(argMax(pf, i, 7)).isEqualTo(argMax(pp, i, 7));
            }
            // the folded copy does not follow later weight changes
            model.namedParameters().get("fc.bias").getArray().set(new float[] {9, 0, 0, 0, 0, 0, 0});
            assertThat(folded.probabilities(batch)).containsExactly(pf);
        }
    }

    private static int argMax(float[] p, int row, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (p[row * k + j] > p[row * k + best]) {
                best = j;
            }
        }
        return best;
    }
}
