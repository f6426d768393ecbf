package org.fer4j.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LabelSet;

/**
 * Self-paced sample selection [B eq. 9, 12], generic over models: given every training sample's
 * current loss, each class k admits its ⌈q_p·n_k⌉ easiest samples (ties broken by index, so the same
 * losses always give the same selection) and λ_k is placed between the last admitted loss and the
 * first excluded one. Setting λ per class keeps hard classes (fear, anger) from being starved.
 */
public final class SelfPacedScheduler {
    private final SelfPacedConfig config;
    private final LabelSet labels;

    public SelfPacedScheduler(SelfPacedConfig config, LabelSet labels) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("self-paced learning is disabled in this configuration");
        }
        this.config = config;
        this.labels = labels;
    }

    /** Checks every class has at least as many samples as there are paces. */
    public void checkClassSizes(int[] trainLabels) {
        int[] counts = new int[labels.size()];
        for (int l : trainLabels) {
            counts[l]++;
        }
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0 && counts[k] < config.paces()) {
                throw new IllegalArgumentException("class '" + labels.get(k).canonicalName() + "' has " + counts[k]
                        + " training sample(s) but the self-paced schedule has " + config.paces()
                        + " paces; use fewer paces (--spl-schedule) or disable self-paced learning (--no-spl)");
            }
        }
    }

    /**
     * Selects pace {@code number} (1-based).
     *
     * @param indices dataset indices of the training samples
     * @param classes class index of each
     * @param losses  current loss of each (un-augmented)
     */
    public Pace select(int number, int[] indices, int[] classes, float[] losses) {
        if (indices.length != classes.length || indices.length != losses.length) {
            throw new IllegalArgumentException("indices, classes and losses differ in length");
        }
        double q = config.schedule().get(number - 1);
        Map<String, Double> lambda = new LinkedHashMap<>();
        Map<String, Integer> admittedPerClass = new LinkedHashMap<>();
        List<Integer> admitted = new ArrayList<>();
        List<Integer> excluded = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < indices.length; i++) {
                if (classes[i] == k) {
                    members.add(i);
                }
            }
            String name = labels.get(k).canonicalName();
            if (members.isEmpty()) {
                admittedPerClass.put(name, 0);
                continue;
            }
            members.sort(Comparator.<Integer>comparingDouble(i -> sortable(losses[i])).thenComparingInt(i -> indices[i]));
            int take = admitCount(q, members.size());
            for (int r = 0; r < members.size(); r++) {
                (r < take ? admitted : excluded).add(indices[members.get(r)]);
            }
            double last = sortable(losses[members.get(take - 1)]);
            double next = take < members.size() ? sortable(losses[members.get(take)]) : Double.POSITIVE_INFINITY;
            lambda.put(name, Double.isInfinite(next) ? Math.nextUp(last) : (last + next) / 2);
            admittedPerClass.put(name, take);
        }
        return new Pace(number, q, lambda, admittedPerClass, sortedArray(admitted), sortedArray(excluded));
    }

    /** ⌈q·n⌉, at least 1, at most n: the documented rounding. */
    public static int admitCount(double q, int n) {
        return Math.max(1, Math.min(n, (int) Math.ceil(q * n - 1e-9)));
    }

    private static double sortable(float loss) {
        return Float.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
    }

    private static int[] sortedArray(List<Integer> l) {
        int[] a = l.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
