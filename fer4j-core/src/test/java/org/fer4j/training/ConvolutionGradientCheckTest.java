package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConvolutionGradientCheckTest {
    @Test
    void theTestsRunWithOneDnnCappedAndGetRightGradients() {
        // the build passes the cap (pom.xml, fer4j.test.onednnIsa); -Dfer4j.test.onednnIsa=ALL runs uncapped on
        // purpose, and then this test says whether this processor's own kernels are right
        assertThat(System.getenv(ConvolutionGradientCheck.ISA_VARIABLE)).as("the build sets the cap").isNotNull();
        if (!"ALL".equalsIgnoreCase(System.getenv(ConvolutionGradientCheck.ISA_VARIABLE))) {
            assertThat(ConvolutionGradientCheck.isaCap()).isEqualTo(ConvolutionGradientCheck.SAFE_ISA);
        }
        ConvolutionGradientCheck.Result result = ConvolutionGradientCheck.result();
        assertThat(result.reliable()).as(result.problem()).isTrue();
        assertThat(result.worstError()).isLessThan(ConvolutionGradientCheck.TOLERANCE);
        assertThat(ConvolutionGradientCheck.result()).isSameAs(result); // measured once per process
        ConvolutionGradientCheck.requireReliable();
    }

    @Test
    void aNanOrAMisplacedGradientIsAnError() {
        double[] reference = {1, -2, 3};
        assertThat(ConvolutionGradientCheck.relativeError(new double[] {1, -2, 3 + 1e-6}, reference)).isLessThan(1e-6);
        assertThat(ConvolutionGradientCheck.relativeError(new double[] {1, 3, -2}, reference)).isGreaterThan(1);
        assertThat(ConvolutionGradientCheck.relativeError(new double[] {1, Double.NaN, 3}, reference)).isInfinite();
        assertThatThrownBy(() -> ConvolutionGradientCheck.relativeError(new double[2], reference))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProblemNamesTheShapeAndTheCap() {
        var result = new ConvolutionGradientCheck.Result(false, 0.7, "8×3×32×32 → 4 (7×7, stride 2)", null);
        assertThat(result.problem()).contains("0.700", "8×3×32×32", "not capped");
    }
}
