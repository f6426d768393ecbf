package org.fer4j.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedAugmentationTest {
    @Test
    void bothImagesOfAPairReceiveTheSameOperation() {
        int c = 3, s = 8, n = c * s * s;
        PairedAugmentation aug = new PairedAugmentation(0.5, 0.02, new float[] {0.25f, 0.25f, 0.25f});
        Random rng = new Random(3);
        EnumSet<PairedAugmentation.Operation> seen = EnumSet.noneOf(PairedAugmentation.Operation.class);
        for (int trial = 0; trial < 40; trial++) {
            float[] t = ramp(n);
            float[] r = ramp(n);
            PairedAugmentation.Operation op = aug.apply(t, r, 0, c, s, rng);
            seen.add(op);
            if (op == PairedAugmentation.Operation.FLIP) {
                float[] expected = ramp(n);
                PairedAugmentation.flip(expected, 0, c, s);
                assertThat(t).containsExactly(expected);
                assertThat(r).containsExactly(expected);
                assertThat(t[0]).isEqualTo(ramp(n)[s - 1]);
            } else {
                float[] orig = ramp(n);
                // noise: both changed, neither flipped (first pixel stays near the original first pixel)
                assertThat(Math.abs(t[0] - orig[0])).isLessThan(0.5f);
                assertThat(Math.abs(r[0] - orig[0])).isLessThan(0.5f);
                assertThat(t).isNotEqualTo(orig);
                assertThat(r).isNotEqualTo(orig);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(PairedAugmentation.Operation.values());
    }

    private static float[] ramp(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 8) * 3f;
        }
        return a;
    }
}
