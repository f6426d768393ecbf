package org.fer4j.report;

import java.util.List;
import java.util.Locale;

/**
 * How a report is drawn. The t-SNE is bounded (points, iterations) so a report builds in seconds.
 *
 * @param tsneClasses    classes to embed in Fig. 7 (canonical names); empty = every class
 * @param tsneMaxPoints  at most this many test samples per embedding (a seeded draw)
 * @param tsneIterations t-SNE gradient iterations
 * @param seed           seed of the draw and of t-SNE's initial layout (same seed, same picture)
 */
public record ReportOptions(List<String> tsneClasses, int tsneMaxPoints, int tsneIterations, long seed) {
    public ReportOptions {
        tsneClasses = tsneClasses == null ? List.of()
                : tsneClasses.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty()).toList();
        if (tsneMaxPoints < 10 || tsneMaxPoints > 3000) {
            throw new IllegalArgumentException("t-SNE points must be in 10..3000, got " + tsneMaxPoints);
        }
        if (tsneIterations < 50 || tsneIterations > 5000) {
            throw new IllegalArgumentException("t-SNE iterations must be in 50..5000, got " + tsneIterations);
        }
    }

    public static ReportOptions defaults() {
        return new ReportOptions(List.of(), 300, 500, 42);
    }
}
