package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoiseUnitsTest {
    private static TrainConfig config(TrainConfig.NoiseUnits units) {
        return new TrainConfig(1, 4, 1e-3, 0.9, 0.999, 1, true, 0.02, 0.5, ClassBalance.NONE,
                TrainConfig.Normalisation.IMAGENET, units);
    }

    @Test
    void pixelUnitsScaleByTheStdAndNormalisedUnitsDoNot() {
        float[] std = {0.25f, 0.5f};
        assertThat(config(TrainConfig.NoiseUnits.PIXEL).noiseSigmaPerChannel(std)).containsExactly(0.08f, 0.04f);
        assertThat(config(TrainConfig.NoiseUnits.NORMALISED).noiseSigmaPerChannel(std)).containsExactly(0.02f, 0.02f);
        // the older constructors keep today's meaning
        assertThat(new TrainConfig(1, 4, 1e-3, 0.9, 0.999, 1, true, 0.02, 0.5).noiseUnits())
                .isEqualTo(TrainConfig.NoiseUnits.PIXEL);
        assertThat(config(TrainConfig.NoiseUnits.NORMALISED).withSeed(3).noiseUnits())
                .isEqualTo(TrainConfig.NoiseUnits.NORMALISED);
        assertThatThrownBy(() -> TrainConfig.NoiseUnits.parse("percent")).hasMessageContaining("not pixel or normalised");
    }
}
