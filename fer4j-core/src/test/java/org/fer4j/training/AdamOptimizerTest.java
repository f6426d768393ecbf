package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

    /** The fused update must follow torch.optim.Adam's formula step by step, with bias correction. */
    @Test
    void fusedUpdateFollowsPyTorchAdam() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        float[] init = {0.5f, -1.25f, 2f, 0f, 1e-3f};
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            NDArray w = m.create(init.clone());
            w.setRequiresGradient(true);
            p.setArray(w);
            AdamOptimizer adam = new AdamOptimizer(lr, b1, b2, eps);
            double[] ref = new double[init.length];
            double[] mom = new double[init.length];
            double[] var = new double[init.length];
            for (int i = 0; i < init.length; i++) {
                ref[i] = init[i];
            }
            for (int t = 1; t <= 4; t++) {
                // loss = sum(c * w^2) → grad = 2 c w, different each step
                float[] c = {1f, 0.5f, -2f, 3f, 100f};
                double[] grad = new double[init.length];
                float[] before = w.toFloatArray();
                for (int i = 0; i < init.length; i++) {
                    grad[i] = 2 * c[i] * before[i] + (i == 3 ? 0.1 * t : 0);
                }
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.square().mul(m.create(c)).sum().add(w.get(3).mul(0.1 * t));
                    gc.backward(loss);
                }
                adam.step(Map.of("w", p));
                for (int i = 0; i < init.length; i++) {
                    mom[i] = b1 * mom[i] + (1 - b1) * grad[i];
                    var[i] = b2 * var[i] + (1 - b2) * grad[i] * grad[i];
                    double denom = Math.sqrt(var[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                    ref[i] -= lr / (1 - Math.pow(b1, t)) * mom[i] / denom;
                }
                float[] got = w.toFloatArray();
                for (int i = 0; i < init.length; i++) {
                    assertThat((double) got[i]).as("step %d element %d", t, i).isCloseTo(ref[i],
                            org.assertj.core.data.Offset.offset(2e-6 + 1e-6 * Math.abs(ref[i])));
                }
                assertThat(w.getGradient().abs().sum().getFloat()).as("gradient zeroed after step").isZero();
            }
            assertThat(adam.steps()).isEqualTo(4);
        }
    }
}
