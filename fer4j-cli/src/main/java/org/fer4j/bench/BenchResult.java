package org.fer4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured row: a workload at its sizes, its per-step times, throughput and peak resident memory,
 * plus workload-specific figures ({@code extra}); or a row that was skipped, with the reason.
 *
 * @param name       row name (the workload, or e.g. {@code pipeline-decode})
 * @param items      what {@code itemsPerSecond} counts (images, pairs, steps)
 * @param batch      items per step
 * @param stats      seconds per step; null when skipped
 * @param peakRssMb  peak resident memory during the workload, MiB (-1 unknown)
 * @param skipped    why the row was not measured, or null
 */
public record BenchResult(String name, String items, int res, int batch, double width, String precision,
                          StepStats stats, double itemsPerSecond, double peakRssMb, Map<String, Object> extra,
                          String skipped) {
    public BenchResult {
        extra = extra == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(extra));
    }

    static BenchResult skipped(String name, String items, BenchConfig c, int batch, String reason) {
        return new BenchResult(name, items, c.res(), batch, c.width(), "fp32", null, Double.NaN, -1,
                Map.of(), reason);
    }

    /** The row as JSON-ready fields, named like {@code torch_reference.py}'s output. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "fer4j");
        m.put("workload", name);
        m.put("res", res);
        m.put("batch", batch);
        m.put("width", width);
        m.put("precision", precision);
        if (skipped != null) {
            m.put("skipped", skipped);
            return m;
        }
        m.put("steps", stats.count());
        m.put("step_s_median", round(stats.median()));
        m.put("step_s_p10", round(stats.p10()));
        m.put("step_s_p90", round(stats.p90()));
        m.put("step_s_p99", round(stats.p99()));
        m.put("items_per_s", Math.round(itemsPerSecond * 1000) / 1000.0);
        m.put("items", items);
        m.put("peak_rss_mb", Math.round(peakRssMb));
        new java.util.TreeMap<>(extra).forEach(m::put);
        return m;
    }

    private static double round(double s) {
        return Math.round(s * 1e6) / 1e6;
    }
}
