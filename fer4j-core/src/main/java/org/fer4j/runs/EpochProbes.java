package org.fer4j.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The disentanglement probes of one epoch ({@code --probe-every}), the {@code probes} object of a
 * {@code metrics.jsonl} line: the curve of how much expression and identity fresh linear probes read
 * from each representation while the network trains. Measured on the fold's validation part only (held-out
 * training subjects, split by subject into a fitting and a scored half), never on the test part.
 *
 * @param expression representation (z_e, z_n, or features) → expression probe accuracy on the scored half
 * @param subject    representation → identity probe accuracy on per-subject halves of the scored half;
 *                   empty where identity could not be probed (subjects unknown or too few images)
 * @param chance     the chance levels beside them: {@code expression} and, where probed, {@code subject}
 *                   (the share of the most frequent class or subject in what was scored)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochProbes(Map<String, Double> expression, Map<String, Double> subject, Map<String, Double> chance) {
    public EpochProbes {
        expression = checked("expression", expression);
        subject = checked("subject", subject);
        chance = checked("chance", chance);
        if (expression.isEmpty()) {
            throw new IllegalArgumentException("epoch probes: no expression score");
        }
    }

    private static Map<String, Double> checked(String what, Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> {
                if (v == null || !(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("epoch probes: " + what + "." + k + " = " + v + " is not in [0, 1]");
                }
                out.put(k, v);
            });
        }
        return Collections.unmodifiableMap(out);
    }
}
