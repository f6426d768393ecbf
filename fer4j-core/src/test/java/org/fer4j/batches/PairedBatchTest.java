package org.fer4j.batches;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class PairedBatchTest {

    private static PairedBatch batch(int n, float offset) {
        int per = 3 * 32 * 32;
        float[] t = new float[n * per];
        float[] r = new float[n * per];
        for (int i = 0; i < t.length; i++) {
            t[i] = offset + i * 1e-3f;
            r[i] = -offset - i;
        }
        return new PairedBatch(t, r, new int[n], new int[n], 3, 32);
    }

    /** The staging buffer is reused: an earlier batch's arrays must keep their own values. */
    @Test
    void inputsAreExactCopiesThatLaterBatchesDoNotOverwrite() {
        PairedBatch a = batch(2, 1f);
        PairedBatch b = batch(3, 7f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList ia = a.toInputs(m, true);
            NDList ib = b.toInputs(m, true);
            NDList ia2 = a.toInputs(m, false);
            assertThat(ia.get(0).toFloatArray()).containsExactly(a.targets());
            assertThat(ia.get(1).toFloatArray()).containsExactly(a.neutrals());
            assertThat(ib.get(0).toFloatArray()).containsExactly(b.targets());
            assertThat(ib.get(1).toFloatArray()).containsExactly(b.neutrals());
            assertThat(ia2).hasSize(1);
            assertThat(ia.get(0).getShape()).isEqualTo(a.imageShape());
            assertThat(ib.get(0).getManager()).isSameAs(m);
        }
    }
}
