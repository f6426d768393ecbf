package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gradient the encoder receives through the adversary's input path (per-batch standardisation,
 * then the MLP, then the confusion loss) equals central finite differences, in float64: the
 * standardisation in front of C_n is differentiated as a function of the whole batch, not per sample.
 */
class AdversaryInputGradientTest {

    @Test
    void confusionGradientThroughTheStandardisedAdversaryMatchesFiniteDifferences() {
        for (boolean standardised : new boolean[] {true, false}) {
            try (NDManager m = NDManager.newBaseManager()) {
                int batch = 6;
                int z = 5;
                Mlp adversary = new Mlp(z, 1, 4, standardised);
                adversary.setInitializer(new SeededInitializer(3), ai.djl.nn.Parameter.Type.WEIGHT);
                adversary.initialize(m, DataType.FLOAT64, new Shape(batch, z));
                ParameterStore ps = new ParameterStore(m, false);
                SplittableRandom rng = new SplittableRandom(9);
                double[] x = new double[batch * z];
                for (int i = 0; i < x.length; i++) {
                    x[i] = 3 * rng.nextDouble() - 1;
                }
                NDArray input = m.create(x, new Shape(batch, z));
                input.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(confusion(adversary, ps, input));
                }
                double[] analytic = input.getGradient().toDoubleArray();
                double h = 1e-6;
                for (int i = 0; i < x.length; i++) {
                    double[] up = x.clone();
                    double[] down = x.clone();
                    up[i] += h;
                    down[i] -= h;
                    double numeric = (value(adversary, ps, m, up, batch, z) - value(adversary, ps, m, down, batch, z)) / (2 * h);
                    assertThat(analytic[i]).as("standardised=%s, element %d", standardised, i)
                            .isCloseTo(numeric, offset(1e-6 + 1e-4 * Math.abs(numeric)));
                }
                // the standardisation makes the loss blind to z_n's scale; without it, it is not
                double base = value(adversary, ps, m, x, batch, z);
                double[] scaled = x.clone();
                for (int i = 0; i < scaled.length; i++) {
                    scaled[i] *= 0.2; // variance stays far above BatchNorm's ε = 1e-5
                }
                double small = value(adversary, ps, m, scaled, batch, z);
                if (standardised) {
                    assertThat(small).isCloseTo(base, offset(1e-3));
                } else {
                    assertThat(Math.abs(small - base)).isGreaterThan(1e-4);
                }
            }
        }
    }

    private static NDArray confusion(Mlp adversary, ParameterStore ps, NDArray zN) {
        return Losses.crossEntropyToUniform(adversary.forward(ps, new NDList(zN), true).singletonOrThrow());
    }

    /** The loss in training mode; BatchNorm's running statistics move but do not enter a training-mode value. */
    private static double value(Mlp adversary, ParameterStore ps, NDManager m, double[] x, int batch, int z) {
        try (NDManager sub = m.newSubManager()) {
            return confusion(adversary, ps, sub.create(x, new Shape(batch, z))).toDoubleArray()[0];
        }
    }
}
