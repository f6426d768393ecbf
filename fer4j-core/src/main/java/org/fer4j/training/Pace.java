package org.fer4j.training;

import java.util.List;
import java.util.Map;

/**
 * One self-paced pace as selected: per class, the threshold λ_k and how many samples it admitted, and
 * the dataset indices admitted and excluded. Recorded in {@code spl.jsonl} (Fig. 5, Fig. 8).
 *
 * @param number    1-based pace number
 * @param fraction  q_p, the share of each class admitted
 * @param lambda    λ_k per class name: a sample is admitted iff its loss is below it (eq. 12)
 * @param admittedPerClass admitted count per class name
 * @param admitted  admitted dataset indices, ascending
 * @param excluded  excluded dataset indices, ascending
 */
public record Pace(int number, double fraction, Map<String, Double> lambda, Map<String, Integer> admittedPerClass,
                   int[] admitted, int[] excluded) {
    public Pace {
        lambda = Map.copyOf(lambda);
        admittedPerClass = Map.copyOf(admittedPerClass);
        admitted = admitted.clone();
        excluded = excluded.clone();
    }

    public List<Integer> admittedList() {
        return java.util.Arrays.stream(admitted).boxed().toList();
    }
}
