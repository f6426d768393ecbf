package org.fer4j.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The server's counters in Prometheus' text format ({@code GET /metrics}): requests by route and status,
 * errors by code, request latency and forward-pass batch sizes as histograms, and the queue depth. Lock-free
 * adders, so counting never slows the request path.
 */
public final class Metrics {
    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(LATENCY_BUCKETS);
    private final Histogram batches = new Histogram(BATCH_BUCKETS);
    private final LongAdder faces = new LongAdder();
    private volatile IntSupplier queueDepth = () -> 0;

    /** Cumulative-bucket histogram. */
    static final class Histogram {
        final double[] bounds;
        final AtomicLongArray counts;
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new AtomicLongArray(bounds.length);
        }

        void observe(double v) {
            for (int i = 0; i < bounds.length; i++) {
                if (v <= bounds[i]) {
                    counts.incrementAndGet(i);
                }
            }
            sum.add(v);
            count.increment();
        }

        void write(StringBuilder sb, String name, String help) {
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
            sb.append("# TYPE ").append(name).append(" histogram\n");
            for (int i = 0; i < bounds.length; i++) {
                sb.append(name).append("_bucket{le=\"").append(num(bounds[i])).append("\"} ").append(counts.get(i)).append('\n');
            }
            sb.append(name).append("_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
            sb.append(name).append("_sum ").append(num(sum.sum())).append('\n');
            sb.append(name).append("_count ").append(count.sum()).append('\n');
        }
    }

    void request(String route, int status, double seconds) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
        latency.observe(seconds);
    }

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    void batch(int size) {
        batches.observe(size);
        faces.add(size);
    }

    void queueDepth(IntSupplier depth) {
        this.queueDepth = depth;
    }

    /** Forward passes run so far and their faces, for tests and the load test's report. */
    public long batchCount() {
        return batches.count.sum();
    }

    public long facesPredicted() {
        return faces.sum();
    }

    /** Batches per size bucket upper bound (cumulative, Prometheus-style). */
    public Map<Double, Long> batchSizeBuckets() {
        Map<Double, Long> m = new TreeMap<>();
        for (int i = 0; i < BATCH_BUCKETS.length; i++) {
            m.put(BATCH_BUCKETS[i], batches.counts.get(i));
        }
        return m;
    }

    /** The Prometheus text exposition. */
    public String prometheus() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP fer4j_requests_total HTTP requests by route and status.\n# TYPE fer4j_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            String[] p = k.split("\u0000");
            sb.append("fer4j_requests_total{route=\"").append(p[0]).append("\",code=\"").append(p[1]).append("\"} ")
                    .append(v.sum()).append('\n');
        });
        sb.append("# HELP fer4j_errors_total Refused or failed requests by error code.\n# TYPE fer4j_errors_total counter\n");
        new TreeMap<>(errors).forEach((k, v) -> sb.append("fer4j_errors_total{error=\"").append(k).append("\"} ")
                .append(v.sum()).append('\n'));
        latency.write(sb, "fer4j_request_duration_seconds", "Time from request to response.");
        batches.write(sb, "fer4j_batch_size", "Faces per forward pass.");
        sb.append("# HELP fer4j_faces_predicted_total Faces run through a model.\n# TYPE fer4j_faces_predicted_total counter\n");
        sb.append("fer4j_faces_predicted_total ").append(faces.sum()).append('\n');
        sb.append("# HELP fer4j_queue_depth Faces waiting for a forward pass.\n# TYPE fer4j_queue_depth gauge\n");
        sb.append("fer4j_queue_depth ").append(queueDepth.getAsInt()).append('\n');
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
