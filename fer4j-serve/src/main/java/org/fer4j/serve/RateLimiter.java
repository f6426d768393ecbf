package org.fer4j.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client (its IP address): {@code rate} tokens a second up to {@code burst}; a request
 * takes one. The table of clients is bounded (the least recently seen are forgotten), so a scan from many
 * addresses cannot grow it without limit.
 */
final class RateLimiter {
    private static final int MAX_CLIENTS = 100_000;
    private final double rate;
    private final int burst;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    RateLimiter(double rate, int burst) {
        this.rate = rate;
        this.burst = burst;
    }

    /** 0 if the request may go ahead, else the seconds until a token is back (at least 1). */
    synchronized int acquire(String client, long nanos) {
        if (rate <= 0) {
            return 0;
        }
        double[] b = buckets.computeIfAbsent(client, k -> new double[] {burst, nanos});
        double tokens = Math.min(burst, b[0] + (nanos - b[1]) / 1e9 * rate);
        b[1] = nanos;
        if (tokens >= 1) {
            b[0] = tokens - 1;
            return 0;
        }
        b[0] = tokens;
        return (int) Math.max(1, Math.ceil((1 - tokens) / rate));
    }
}
