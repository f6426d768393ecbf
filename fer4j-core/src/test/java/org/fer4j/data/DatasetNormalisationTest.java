package org.fer4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.Test;

class DatasetNormalisationTest {

    @Test
    void fitsTheTrainingTargetsOwnMeanAndSampleStdPerChannel() throws Exception {
        Dataset ds = TinyFaces.dataset(2, 2, 5);
        try (InMemoryFaces store = InMemoryFaces.load(ds, Preprocessing.rgb(32), true)) {
            int[] train = {0, 2, 3};
            Preprocessing fitted = DatasetNormalisation.fit(store, train);
            // the same statistics computed directly from the images' 8-bit levels
            Preprocessing pre = store.preprocessing();
            int plane = 32 * 32;
            for (int c = 0; c < 3; c++) {
                double sum = 0, sumSq = 0;
                long n = 0;
                for (int i : train) {
                    byte[] px = pre.loadPixels(store.sample(i).image(), store.sample(i).box());
                    for (int p = 0; p < plane; p++) {
                        double v = (px[c * plane + p] & 0xff) / 255.0;
                        sum += v;
                        sumSq += v * v;
                        n++;
                    }
                }
                double mean = sum / n;
                double std = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
                assertThat((double) fitted.mean()[c]).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-6));
                assertThat((double) fitted.std()[c]).isCloseTo(std, org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(fitted.size()).isEqualTo(32);
            assertThat(fitted.margin()).isEqualTo(pre.margin());
            // other training samples give other statistics: the test fold does not shape them (another subject's
            // skin: the same subject's bar elsewhere would keep the mean, which an antialiased resize preserves)
            assertThat(DatasetNormalisation.fit(store, new int[] {6}).mean()).isNotEqualTo(fitted.mean());
        }
    }

    @Test
    void theViewHoldsExactlyWhatAStoreOpenedWithTheFittedStatisticsHolds() throws Exception {
        Dataset ds = TinyFaces.dataset(2, 2, 6);
        try (InMemoryFaces store = InMemoryFaces.load(ds, Preprocessing.rgb(32), true)) {
            Preprocessing fitted = DatasetNormalisation.fit(store, IntStream.range(0, store.size()).toArray());
            FaceStore view = DatasetNormalisation.view(store, fitted);
            assertThat(view.preprocessing()).isEqualTo(fitted);
            try (InMemoryFaces direct = InMemoryFaces.load(ds, fitted, true)) {
                float[] a = new float[fitted.length()];
                float[] b = new float[fitted.length()];
                for (int i = 0; i < store.size(); i++) {
                    view.target(i, a, 0);
                    direct.target(i, b, 0);
                    assertThat(a).as("target %d", i).containsExactly(b);
                    if (store.hasNeutral(i)) {
                        view.neutral(i, a, 0);
                        direct.neutral(i, b, 0);
                        assertThat(a).as("neutral %d", i).containsExactly(b);
                    }
                }
                // and the standardised training targets have mean ~0, std ~1 per channel
                double sum = 0;
                for (int i = 0; i < store.size(); i++) {
                    view.target(i, a, 0);
                    for (float v : a) {
                        sum += v;
                    }
                }
                assertThat(sum / ((double) store.size() * a.length)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
            }
            assertThat(DatasetNormalisation.view(store, store.preprocessing())).isSameAs(store);
        }
    }

    @Test
    void aConstantTrainingSetIsRefusedByName() throws Exception {
        Dataset ds = TinyFaces.dataset(1, 1, 7);
        try (InMemoryFaces store = InMemoryFaces.load(ds, Preprocessing.rgb(32), true)) {
            FaceStore constant = new org.fer4j.testing.ForwardingFaces(store) {
                @Override
                public void target(int index, float[] dst, int offset) {
                    java.util.Arrays.fill(dst, offset, offset + store.preprocessing().length(), 0.5f);
                }
            };
            assertThatThrownBy(() -> DatasetNormalisation.fit(constant, new int[] {0}))
                    .hasMessageContaining("constant").hasMessageContaining("--normalise imagenet");
        }
    }
}
