package org.fer4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedComparisonTest {
    @Test
    void studentsTMatchesTabulatedQuantiles() {
        // Tabulated two-sided 95 % points: df 4 -> 2.776445, 9 -> 2.262157, 24 -> 2.063899; df 1 is Cauchy.
        assertThat(PairedComparison.studentQuantile(0.975, 4)).isCloseTo(2.776445, within(1e-5));
        assertThat(PairedComparison.studentQuantile(0.975, 9)).isCloseTo(2.262157, within(1e-5));
        assertThat(PairedComparison.studentQuantile(0.975, 24)).isCloseTo(2.063899, within(1e-5));
        assertThat(PairedComparison.studentCdf(1.0, 1)).isCloseTo(0.75, within(1e-8));
        assertThat(PairedComparison.studentCdf(0, 7)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theCorrectionWidensTheIntervalByTheTestTrainRatio() {
        double[] a = {0.62, 0.58, 0.66, 0.60, 0.64, 0.61, 0.59, 0.65, 0.63, 0.57};
        double[] b = {0.60, 0.57, 0.62, 0.61, 0.60, 0.58, 0.59, 0.61, 0.60, 0.56};
        PairedComparison naive = PairedComparison.of("spndl", "baseline", a, b, 0);
        PairedComparison corrected = PairedComparison.of("spndl", "baseline", a, b, 0.25);
        // By hand: differences 0.02 0.01 0.04 -0.01 0.04 0.03 0 0.04 0.03 0.01, mean 0.021, s = √(0.00289 / 9) = 0.0179196.
        assertThat(naive.meanDifference()).isCloseTo(0.021, within(1e-12));
        double s = 0.0179196;
        assertThat(naive.high() - naive.meanDifference()).isCloseTo(2.262157 * s / Math.sqrt(10), within(1e-5));
        assertThat(corrected.high() - corrected.meanDifference())
                .isCloseTo(2.262157 * s * Math.sqrt(0.1 + 0.25), within(1e-5));
        assertThat(naive.p()).isLessThan(0.01);
        // t = 0.021 / (0.0179196·√0.35) = 1.981 on 9 df: p = 0.079, where the naive test claims p < 0.01.
        assertThat(corrected.p()).isCloseTo(0.0789, within(5e-4));
    }

    @Test
    void identicalRowsAreNotDifferentAndMismatchedFoldsAreRefused() {
        double[] a = {0.5, 0.6, 0.7};
        PairedComparison same = PairedComparison.of("x", "x", a, a, 0.2);
        assertThat(same.meanDifference()).isZero();
        assertThat(same.p()).isEqualTo(1);
        assertThatThrownBy(() -> PairedComparison.of("x", "y", a, new double[] {0.5}, 0.2))
                .hasMessageContaining("same folds");
    }
}
