package org.fer4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** INLP removes a linearly encoded label and leaves another, with an orthogonal, idempotent projection. */
class NullspaceProjectionTest {
    static final int D = 20;

    /**
     * Gaussian features: the expression (4 classes) shifts dimensions 0–2, an independent identity
     * (6 subjects) shifts dimensions 5–8, unit noise everywhere.
     */
    record Synthetic(float[][] x, int[] expression, int[] identity) {
        static Synthetic draw(int n, long seed) {
            Random means = new Random(42);
            double[][] e = new double[4][3];
            double[][] s = new double[6][4];
            for (double[] m : e) {
                for (int j = 0; j < m.length; j++) {
                    m[j] = 3 * means.nextGaussian();
                }
            }
            for (double[] m : s) {
                for (int j = 0; j < m.length; j++) {
                    m[j] = 3 * means.nextGaussian();
                }
            }
            Random rng = new Random(seed);
            float[][] x = new float[n][D];
            int[] y = new int[n];
            int[] id = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(4);
                id[i] = rng.nextInt(6);
                for (int j = 0; j < D; j++) {
                    x[i][j] = (float) rng.nextGaussian();
                }
                for (int j = 0; j < 3; j++) {
                    x[i][j] += (float) e[y[i]][j];
                }
                for (int j = 0; j < 4; j++) {
                    x[i][5 + j] += (float) s[id[i]][j];
                }
            }
            return new Synthetic(x, y, id);
        }
    }

    @Test
    void removesTheExpressionAndKeepsTheIdentity() {
        Synthetic fit = Synthetic.draw(600, 1);
        Synthetic test = Synthetic.draw(400, 2);
        double expressionChance = DisentanglementProbes.majorityShare(test.expression());
        assertThat(LinearProbe.fit(fit.x(), fit.expression()).accuracy(test.x(), test.expression())).isGreaterThan(0.85);

        NullspaceProjection p = NullspaceProjection.fit(fit.x(), fit.expression(), NullspaceProjection.Options.defaults(7));
        float[][] fitP = p.apply(fit.x());
        float[][] testP = p.apply(test.x());
        assertThat(LinearProbe.fit(fitP, fit.expression()).accuracy(testP, test.expression()))
                .isLessThan(expressionChance + 0.05);
        assertThat(LinearProbe.fit(fitP, fit.identity()).accuracy(testP, test.identity())).isGreaterThan(0.85);
        assertThat(p.removedRank()).isBetween(3, D - 4);
        assertThat(p.heldOutAccuracies().get(0)).isGreaterThan(0.85);
        int last = p.heldOutAccuracies().size() - 1;
        assertThat(p.heldOutAccuracies().get(last)).isLessThanOrEqualTo(p.heldOutChance() + 0.01);
        assertThat(p.heldOutAccuracies()).hasSizeLessThanOrEqualTo(NullspaceProjection.Options.DEFAULT_MAX_ITERATIONS);
    }

    @Test
    void projectionIsOrthogonalAndIdempotent() {
        Synthetic fit = Synthetic.draw(600, 1);
        NullspaceProjection p = NullspaceProjection.fit(fit.x(), fit.expression(), NullspaceProjection.Options.defaults(7));
        double[][] u = p.directions();
        assertThat(u).hasNumberOfRows(p.removedRank());
        for (int a = 0; a < u.length; a++) {
            for (int b = 0; b < u.length; b++) {
                assertThat(dot(u[a], u[b])).as("u%d·u%d", a, b).isCloseTo(a == b ? 1 : 0, within(1e-9));
            }
        }
        double[][] m = p.matrix();
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double pp = 0;
                for (int k = 0; k < D; k++) {
                    pp += m[i][k] * m[k][j];
                }
                assertThat(pp).isCloseTo(m[i][j], within(1e-9));
                assertThat(m[i][j]).isCloseTo(m[j][i], within(1e-12));
            }
        }
        double trace = 0;
        for (int i = 0; i < D; i++) {
            trace += m[i][i];
        }
        assertThat(trace).isCloseTo(D - p.removedRank(), within(1e-9));
        float[][] input = java.util.Arrays.stream(fit.x()).map(float[]::clone).toArray(float[][]::new);
        float[][] once = p.apply(fit.x());
        assertThat(fit.x()).isDeepEqualTo(input); // apply returns copies, the input is untouched
        float[][] twice = p.apply(once);
        for (int i = 0; i < once.length; i++) {
            for (int j = 0; j < D; j++) {
                assertThat(twice[i][j]).isCloseTo(once[i][j], within(1e-4f));
            }
            for (double[] dir : u) { // nothing left along a removed direction
                double c = 0;
                for (int j = 0; j < D; j++) {
                    c += dir[j] * once[i][j];
                }
                assertThat(c).isCloseTo(0, within(1e-4));
            }
        }
    }

    @Test
    void deterministicAndStopsWhereNothingIsReadable() {
        Synthetic fit = Synthetic.draw(300, 3);
        NullspaceProjection a = NullspaceProjection.fit(fit.x(), fit.expression(), NullspaceProjection.Options.defaults(5));
        NullspaceProjection b = NullspaceProjection.fit(fit.x(), fit.expression(), NullspaceProjection.Options.defaults(5));
        assertThat(b.directions()).isDeepEqualTo(a.directions());
        assertThat(b.heldOutAccuracies()).isEqualTo(a.heldOutAccuracies());
        assertThat(b.apply(fit.x())).isDeepEqualTo(a.apply(fit.x()));

        NullspaceProjection one = NullspaceProjection.fit(fit.x(), new int[300], NullspaceProjection.Options.defaults(5));
        assertThat(one.removedRank()).isZero(); // one class: the held-out probe is at its majority share at once
        assertThat(one.heldOutAccuracies()).containsExactly(1.0);
        assertThat(one.apply(fit.x())).isDeepEqualTo(fit.x());

        NullspaceProjection capped = NullspaceProjection.fit(fit.x(), fit.expression(), new NullspaceProjection.Options(1, 0.01, 5));
        assertThat(capped.heldOutAccuracies()).hasSize(1);
        assertThat(capped.removedRank()).isEqualTo(3); // four classes: the softmax rows span three directions
    }

    @Test
    void refusesBadInputs() {
        assertThatThrownBy(() -> new NullspaceProjection.Options(0, 0.01, 1)).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> new NullspaceProjection.Options(5, -0.1, 1)).hasMessageContaining("margin");
        assertThatThrownBy(() -> NullspaceProjection.fit(new float[3][2], new int[3], NullspaceProjection.Options.defaults(1)))
                .hasMessageContaining("at least four");
        NullspaceProjection p = NullspaceProjection.fit(new float[4][2], new int[4], NullspaceProjection.Options.defaults(1));
        assertThatThrownBy(() -> p.apply(new float[1][3])).hasMessageContaining("fitted on 2 features");
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
