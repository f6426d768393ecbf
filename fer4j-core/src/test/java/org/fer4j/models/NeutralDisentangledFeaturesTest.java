package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.Losses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeutralDisentangledFeaturesTest {
    static final int SIZE = 32;

    static ModelSpec spec(ModelKind kind) {
        return new ModelSpec(kind, 1.0 / 16, Preprocessing.rgb(SIZE), LabelSet.CK_PLUS_7);
    }

    @Test
    void batchNormStatisticsAreComputedJointlyOverTargetsAndReferences() {
        try (FerModel model = FerModel.create(spec(ModelKind.SPNDL), 1); NDManager m = NDManager.newBaseManager()) {
            NDArray targets = m.randomNormal(0, 1, new Shape(4, 3, SIZE, SIZE), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray refs = m.randomNormal(2, 1, new Shape(4, 3, SIZE, SIZE), ai.djl.ndarray.types.DataType.FLOAT32);
            var params = model.namedParameters();
            NDArray weight = params.get("backbone.conv1.weight").getArray();
            NDArray runningMean = params.get("backbone.bn1.running_mean").getArray();
            runningMean.set(new float[(int) runningMean.size()]);

            model.forward(new ParameterStore(model.manager(), false), new NDList(targets, refs), true);
            float[] updated = runningMean.toFloatArray();

            NDArray joint = Conv2d.conv2d(targets.concat(refs, 0), weight, null, new Shape(2, 2), new Shape(3, 3),
                    new Shape(1, 1), 1).singletonOrThrow();
            float[] jointMean = joint.transpose(1, 0, 2, 3).reshape(joint.getShape().get(1), -1).mean(new int[] {1}).toFloatArray();
            NDArray targetOnly = Conv2d.conv2d(targets, weight, null, new Shape(2, 2), new Shape(3, 3), new Shape(1, 1), 1).singletonOrThrow();
            float[] targetMean = targetOnly.transpose(1, 0, 2, 3).reshape(targetOnly.getShape().get(1), -1).mean(new int[] {1}).toFloatArray();
            // PyTorch momentum 0.1: running = 0.9 * 0 + 0.1 * batch mean
            double maxJointDiff = 0;
            double maxTargetDiff = 0;
            for (int c = 0; c < updated.length; c++) {
                maxJointDiff = Math.max(maxJointDiff, Math.abs(updated[c] - 0.1 * jointMean[c]));
                maxTargetDiff = Math.max(maxTargetDiff, Math.abs(updated[c] - 0.1 * targetMean[c]));
            }
            assertThat(maxJointDiff).isLessThan(1e-5);
            assertThat(maxTargetDiff).isGreaterThan(1e-3);
        }
    }

    @Test
    void ndfOfIdenticalPairIsZeroAndSwappingNegatesIt() {
        try (FerModel model = FerModel.create(spec(ModelKind.SPNDL), 2); NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(model.manager(), false);
            NDArray a = m.randomNormal(new Shape(3, 3, SIZE, SIZE));
            NDArray b = m.randomNormal(new Shape(3, 3, SIZE, SIZE));
            for (boolean training : new boolean[] {false, true}) {
                float[] same = model.forward(ps, new NDList(a, a.duplicate()), training).get(1).toFloatArray();
                for (float v : same) {
                    assertThat(v).isEqualTo(0f);
                }
            }
            float[] ab = model.forward(ps, new NDList(a, b), false).get(1).toFloatArray();
            float[] ba = model.forward(ps, new NDList(b, a), false).get(1).toFloatArray();
            double norm = 0;
            for (int i = 0; i < ab.length; i++) {
                assertThat((double) ab[i]).isCloseTo(-ba[i], org.assertj.core.data.Offset.offset(1e-5));
                norm += Math.abs(ab[i]);
            }
            assertThat(norm).isGreaterThan(0);
        }
    }

    @Test
    void gradientsReachBackboneThroughBothHalvesOfThePair() {
        try (FerModel model = FerModel.create(spec(ModelKind.SPNDL), 3); NDManager m = NDManager.newBaseManager()) {
            NDArray t = m.randomNormal(new Shape(2, 3, SIZE, SIZE));
            NDArray r = m.randomNormal(new Shape(2, 3, SIZE, SIZE));
            t.setRequiresGradient(true);
            r.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(new ParameterStore(model.manager(), false), new NDList(t, r), true).get(0);
                gc.backward(Losses.crossEntropyPerSample(logits, m.create(new int[] {1, 4})).mean());
            }
            assertThat(t.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(r.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(model.namedParameters().get("backbone.conv1.weight").getArray().getGradient().abs().sum()
                    .getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void withoutNeutralGradientsReachBothBackbones() {
        try (FerModel model = FerModel.create(spec(ModelKind.SPNDL_NO_NEUTRAL), 4); NDManager m = NDManager.newBaseManager()) {
            var params = model.namedParameters();
            NDArray fe = params.get("expression.conv1.weight").getArray();
            NDArray fn = params.get("neutral.conv1.weight").getArray();
            // same initial weights up to the documented small noise
            double diff = fe.sub(fn).abs().mean().getFloat();
            assertThat(diff).isGreaterThan(0).isLessThan(0.2 * fe.abs().mean().getFloat());
            NDArray x = m.randomNormal(new Shape(2, 3, SIZE, SIZE));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(new ParameterStore(model.manager(), false), new NDList(x), true).get(0);
                gc.backward(Losses.crossEntropyPerSample(logits, m.create(new int[] {0, 3})).mean());
            }
            assertThat(fe.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(fn.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void saveLoadRoundTripGivesIdenticalPredictionsForEveryModel(@TempDir Path dir) throws Exception {
        for (ModelKind kind : new ModelKind[] {ModelKind.BASELINE, ModelKind.SPNDL, ModelKind.SPNDL_NO_NEUTRAL}) {
            try (FerModel model = FerModel.create(spec(kind), 5); NDManager m = NDManager.newBaseManager()) {
                NDList in = kind.needsNeutral()
                        ? new NDList(m.randomNormal(new Shape(2, 3, SIZE, SIZE)), m.randomNormal(new Shape(2, 3, SIZE, SIZE)))
                        : new NDList(m.randomNormal(new Shape(2, 3, SIZE, SIZE)));
                float[] before = model.forward(new ParameterStore(model.manager(), false), in, false).get(0).toFloatArray();
                Path d = dir.resolve(kind.cliName());
                model.save(d);
                try (FerModel loaded = FerModel.load(d)) {
                    assertThat(loaded.spec()).isEqualTo(model.spec());
                    float[] after = loaded.forward(new ParameterStore(loaded.manager(), false), in, false).get(0).toFloatArray();
                    assertThat(after).containsExactly(before);
                }
            }
        }
    }

    @Test
    void checkpointOfAnotherArchitectureIsAClearError(@TempDir Path dir) throws Exception {
        try (FerModel model = FerModel.create(spec(ModelKind.BASELINE), 6)) {
            model.save(dir.resolve("m"));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FerModel.load(dir.resolve("m"), spec(ModelKind.SPNDL_NO_NEUTRAL)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("weights.params")
                .hasMessageContaining("another architecture");
    }
}
