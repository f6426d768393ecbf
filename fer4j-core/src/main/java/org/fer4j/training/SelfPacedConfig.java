package org.fer4j.training;

import java.util.List;

/**
 * Self-paced learning settings [B §3.3–3.4]. Pace p admits the easiest fraction {@code schedule[p]}
 * of every class; the schedule must increase and end at 1.0 so the last pace trains on all samples.
 *
 * @param enabled       whether SPL is used at all
 * @param schedule      q_p per pace (default 0.5, 0.6, …, 1.0: six paces)
 * @param warmupEpochs  epochs on all samples before the first ranking (a model that knows nothing ranks at random)
 */
public record SelfPacedConfig(boolean enabled, List<Double> schedule, int warmupEpochs) {
    public static final List<Double> DEFAULT_SCHEDULE = List.of(0.5, 0.6, 0.7, 0.8, 0.9, 1.0);

    public SelfPacedConfig {
        schedule = List.copyOf(schedule);
        if (enabled) {
            if (schedule.isEmpty()) {
                throw new IllegalArgumentException("self-paced schedule is empty; give fractions such as 0.5,0.75,1.0");
            }
            double prev = 0;
            for (double q : schedule) {
                if (!(q > prev && q <= 1.0)) {
                    throw new IllegalArgumentException("self-paced schedule " + schedule
                            + " must be strictly increasing fractions in (0, 1]");
                }
                prev = q;
            }
            if (schedule.get(schedule.size() - 1) != 1.0) {
                throw new IllegalArgumentException("self-paced schedule " + schedule
                        + " must end at 1.0 so the last pace admits every sample");
            }
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + warmupEpochs);
        }
    }

    public static SelfPacedConfig disabled() {
        return new SelfPacedConfig(false, List.of(), 0);
    }

    public static SelfPacedConfig paperDefaults() {
        return new SelfPacedConfig(true, DEFAULT_SCHEDULE, 1);
    }

    public int paces() {
        return enabled ? schedule.size() : 0;
    }
}
