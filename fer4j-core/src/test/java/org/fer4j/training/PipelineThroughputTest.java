package org.fer4j.training;

import org.fer4j.batches.PairedAugmentation;
import static org.assertj.core.api.Assertions.assertThat;

import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.Test;

class PipelineThroughputTest {
    @Test
    void countsOnlyTheTimedBatches() throws Exception {
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(2, 2, 1), Preprocessing.rgb(32), true)) {
            PipelineThroughput.Rate r = PipelineThroughput.pipeline(store, true,
                    new PairedAugmentation(0.5, 0.02, store.preprocessing().std()), 5, 2, 7, 3);
            assertThat(r.samples()).isEqualTo(35);
            assertThat(r.samplesPerSecond()).isPositive().isFinite();
        }
    }
}
