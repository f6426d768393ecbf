package org.fer4j.evaluation;

import java.util.List;

/** Accumulates predictions (update/compute/reset) so evaluation can stream over batches. */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final long[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new long[labels.size()][labels.size()];
    }

    public void add(int truth, int predicted) {
        if (truth < 0 || truth >= counts.length || predicted < 0 || predicted >= counts.length) {
            throw new IllegalArgumentException("class index out of range: truth=" + truth + " predicted=" + predicted);
        }
        counts[truth][predicted]++;
    }

    public void reset() {
        for (long[] row : counts) {
            java.util.Arrays.fill(row, 0);
        }
    }

    public EvaluationResult compute() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return EvaluationResult.of(labels, copy);
    }
}
