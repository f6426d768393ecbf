package org.fer4j.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One self-paced pace of one fold, as a line of {@code spl.jsonl}: which samples the pace admitted
 * (λ_k per class, counts, the excluded ids) and the test accuracy at its end, so that "SPL admits each
 * class's easiest samples first" can be checked from the run folder alone.
 *
 * @param fold the fold
 * @param pace 1-based pace number
 * @param fraction the fraction of each class admitted
 * @param lambda the per-class loss threshold λ_k
 * @param admittedPerClass admitted count per class
 * @param admitted admitted samples in all
 * @param excludedIds ids of the samples the pace left out
 * @param testAccuracy test accuracy at the pace's end
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"fold", "pace", "fraction", "lambda", "admitted_per_class", "admitted", "excluded_ids",
        "test_accuracy"})
public record PaceRecord(int fold, int pace, double fraction, Map<String, Double> lambda,
        Map<String, Integer> admittedPerClass, int admitted, List<String> excludedIds, Double testAccuracy) {

    public PaceRecord {
        if (pace < 1 || !(fraction > 0 && fraction <= 1) || admitted < 0) {
            throw new IllegalArgumentException("pace record: pace " + pace + ", fraction " + fraction + ", admitted "
                    + admitted);
        }
        lambda = lambda == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(lambda));
        admittedPerClass = admittedPerClass == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(admittedPerClass));
        excludedIds = excludedIds == null ? List.of() : List.copyOf(excludedIds);
    }
}
