package org.fer4j.data;

import java.util.List;

/**
 * Standardising the inputs by a training set's own statistics (the reference PyTorch protocol's
 * {@code --norm dataset}) instead of fixed ImageNet-style values: the per-channel mean and standard
 * deviation of the training targets, in [0, 1] pixel units, fitted on the training fold only (the test
 * subjects never shape the input scale) and then recorded in the model's preprocessing, so prediction
 * standardises the same way.
 *
 * <p>Every face store holds 8-bit images standardised by its preprocessing, so a store opened with one
 * preprocessing is re-standardised exactly: each value is mapped back to its 8-bit level and looked up
 * in the fitted preprocessing's table, giving the floats that store would have held had it been opened
 * with the fitted statistics.
 */
public final class DatasetNormalisation {
    private DatasetNormalisation() {
    }

    /**
     * The preprocessing of {@code store} with mean and std replaced by those of the targets at
     * {@code train} (sample standard deviation over every pixel of a channel, as {@code torch.std}).
     */
    public static Preprocessing fit(FaceStore store, int[] train) {
        if (train.length == 0) {
            throw new IllegalArgumentException("dataset normalisation needs training samples");
        }
        Preprocessing pre = store.preprocessing();
        int channels = pre.channels();
        int plane = pre.size() * pre.size();
        float[] buf = new float[pre.length()];
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        int[] levels = new int[256];
        for (int i : train) {
            store.target(i, buf, 0);
            for (int c = 0; c < channels; c++) {
                java.util.Arrays.fill(levels, 0);
                for (int p = 0; p < plane; p++) {
                    levels[level(buf[c * plane + p], pre.mean()[c], pre.std()[c])]++;
                }
                for (int v = 0; v < 256; v++) {
                    double x = v / 255.0;
                    sum[c] += levels[v] * x;
                    sumSq[c] += levels[v] * x * x;
                }
            }
        }
        double n = (double) train.length * plane;
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double var = n > 1 ? (sumSq[c] - n * m * m) / (n - 1) : 0;
            if (!(var > 1e-12)) {
                throw new IllegalArgumentException("dataset normalisation: channel " + c + " of the " + train.length
                        + " training images is constant (" + m + "); use the fixed normalisation (--normalise imagenet)");
            }
            mean[c] = (float) m;
            std[c] = (float) Math.sqrt(var);
        }
        return new Preprocessing(pre.size(), channels, pre.margin(), mean, std);
    }

    /** {@code store} seen through {@code fitted} (same size, channels and crop; other mean and std). */
    public static FaceStore view(FaceStore store, Preprocessing fitted) {
        Preprocessing pre = store.preprocessing();
        if (pre.size() != fitted.size() || pre.channels() != fitted.channels() || pre.margin() != fitted.margin()) {
            throw new IllegalArgumentException("a re-standardised store keeps its crop and size: " + pre + " vs " + fitted);
        }
        return pre.equals(fitted) ? store : new Restandardised(store, fitted);
    }

    /** The 8-bit level a standardised value came from. */
    static int level(float x, float mean, float std) {
        int v = Math.round((x * std + mean) * 255f);
        return Math.max(0, Math.min(255, v));
    }

    private static final class Restandardised implements FaceStore {
        private final FaceStore inner;
        private final Preprocessing fitted;
        private final float[] oldMean;
        private final float[] oldStd;
        private final float[][] table;
        private final int plane;

        Restandardised(FaceStore inner, Preprocessing fitted) {
            this.inner = inner;
            this.fitted = fitted;
            this.oldMean = inner.preprocessing().mean();
            this.oldStd = inner.preprocessing().std();
            this.plane = fitted.size() * fitted.size();
            float[] mean = fitted.mean();
            float[] std = fitted.std();
            table = new float[fitted.channels()][256];
            for (int c = 0; c < table.length; c++) {
                for (int v = 0; v < 256; v++) {
                    table[c][v] = (v / 255f - mean[c]) / std[c]; // as Preprocessing.Normaliser computes it
                }
            }
        }

        private void map(float[] dst, int offset) {
            for (int c = 0; c < table.length; c++) {
                float[] t = table[c];
                float m = oldMean[c];
                float s = oldStd[c];
                for (int i = offset + c * plane, end = i + plane; i < end; i++) {
                    dst[i] = t[level(dst[i], m, s)];
                }
            }
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public Preprocessing preprocessing() {
            return fitted;
        }

        @Override
        public LabelSet labels() {
            return inner.labels();
        }

        @Override
        public Sample sample(int index) {
            return inner.sample(index);
        }

        @Override
        public int label(int index) {
            return inner.label(index);
        }

        @Override
        public void target(int index, float[] dst, int offset) {
            inner.target(index, dst, offset);
            map(dst, offset);
        }

        @Override
        public void neutral(int index, float[] dst, int offset) {
            inner.neutral(index, dst, offset);
            map(dst, offset);
        }

        @Override
        public boolean hasNeutral(int index) {
            return inner.hasNeutral(index);
        }

        @Override
        public List<Skipped> skipped() {
            return inner.skipped();
        }

        /** The inner store stays open: its owner closes it. */
        @Override
        public void close() {
        }
    }
}
