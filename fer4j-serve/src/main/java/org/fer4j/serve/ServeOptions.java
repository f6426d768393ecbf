package org.fer4j.serve;

import java.nio.file.Path;

/**
 * How a {@link FerServer} listens, batches and protects itself. Every limit is here, checked once, so a
 * hostile or careless client meets the same numbers the docs state ({@code docs/SERVING.md}).
 *
 * @param host            address to bind; 127.0.0.1 unless told otherwise (nothing outside the machine reaches it)
 * @param port            TCP port; 0 picks a free one ({@link FerServer#port()} says which)
 * @param maxBodyBytes    largest request body accepted (413 above it, refused from Content-Length before reading)
 * @param maxPixels       largest image (width × height, read from the header before decoding; 413 above it)
 * @param batching        gather concurrent requests' faces into one forward pass; off runs each request's faces alone
 * @param maxBatch        most faces in one forward pass
 * @param batchWaitMs     how long the first face of a batch waits for others
 * @param queueFaces      faces waiting for the model at most; a request that does not fit gets 503 with Retry-After
 * @param maxFaces        most faces predicted per image (the best-scoring ones)
 * @param decodeTimeoutMs an image that takes longer to decode is refused (422)
 * @param decodeThreads   images decoded at once (at most); more wait, and a full decode queue is a 503
 * @param ratePerSecond   tokens each client (IP address) gets per second for the API; 0 turns the limit off
 * @param rateBurst       the bucket's size: requests a client may send at once
 * @param idleTimeoutMs   a connection that sends nothing for this long is closed (slow clients)
 * @param maxThreads      Jetty's request threads
 * @param detector        face detector name ({@code haar} or {@code blazeface})
 * @param detectors       detector instances (each used by one request at a time)
 * @param minFace         smallest face side, pixels
 * @param peopleDir       folder keeping enrolled neutral faces across restarts, or null (memory only)
 * @param maxPeople       enrolled people kept at most
 * @param warmup          run the model once at every padded batch size before listening (seconds at start, none later)
 */
public record ServeOptions(String host, int port, long maxBodyBytes, long maxPixels, boolean batching, int maxBatch,
                           int batchWaitMs, int queueFaces, int maxFaces, int decodeTimeoutMs, int decodeThreads,
                           double ratePerSecond, int rateBurst, int idleTimeoutMs, int maxThreads, String detector,
                           int detectors, int minFace, Path peopleDir, int maxPeople, boolean warmup) {
    public ServeOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a host to bind is needed (e.g. 127.0.0.1)");
        }
        check("port", port, 0, 65_535);
        if (maxBodyBytes < 1024 || maxBodyBytes > 1L << 30) {
            throw new IllegalArgumentException("body limit must be in [1 KiB, 1 GiB], got " + maxBodyBytes + " bytes");
        }
        if (maxPixels < 1024 || maxPixels > org.fer4j.data.ImageFiles.MAX_PIXELS) {
            throw new IllegalArgumentException("pixel limit must be in [1024, " + org.fer4j.data.ImageFiles.MAX_PIXELS
                    + "], got " + maxPixels);
        }
        check("max batch", maxBatch, 1, 4096);
        check("batch wait (ms)", batchWaitMs, 0, 10_000);
        check("queue size (faces)", queueFaces, 1, 1_000_000);
        check("faces per image", maxFaces, 1, 1024);
        check("decode timeout (ms)", decodeTimeoutMs, 1, 600_000);
        check("decode threads", decodeThreads, 1, 256);
        if (!(ratePerSecond >= 0 && ratePerSecond <= 1e6)) {
            throw new IllegalArgumentException("rate limit must be in [0, 1e6] requests/s (0: off), got " + ratePerSecond);
        }
        check("rate burst", rateBurst, 1, 1_000_000);
        check("idle timeout (ms)", idleTimeoutMs, 100, 3_600_000);
        check("threads", maxThreads, 8, 4096);
        if (detector == null || detector.isBlank()) {
            throw new IllegalArgumentException("a face detector name is needed (haar or blazeface)");
        }
        check("detectors", detectors, 1, 256);
        check("smallest face (px)", minFace, 24, 12_000);
        check("max people", maxPeople, 1, 10_000_000);
    }

    private static void check(String what, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }

    /** The defaults, to change with {@code optX}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of these options to change. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.maxBodyBytes = maxBodyBytes;
        b.maxPixels = maxPixels;
        b.batching = batching;
        b.maxBatch = maxBatch;
        b.batchWaitMs = batchWaitMs;
        b.queueFaces = queueFaces;
        b.maxFaces = maxFaces;
        b.decodeTimeoutMs = decodeTimeoutMs;
        b.decodeThreads = decodeThreads;
        b.ratePerSecond = ratePerSecond;
        b.rateBurst = rateBurst;
        b.idleTimeoutMs = idleTimeoutMs;
        b.maxThreads = maxThreads;
        b.detector = detector;
        b.detectors = detectors;
        b.minFace = minFace;
        b.peopleDir = peopleDir;
        b.maxPeople = maxPeople;
        b.warmup = warmup;
        return b;
    }

    /** Builds {@link ServeOptions}; every field has a default (the CLI's). */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private long maxBodyBytes = 10L << 20;
        private long maxPixels = 40_000_000L;
        private boolean batching = true;
        private int maxBatch = 32;
        private int batchWaitMs = 5;
        private int queueFaces = 512;
        private int maxFaces = 32;
        private int decodeTimeoutMs = 5_000;
        private int decodeThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private double ratePerSecond = 50;
        private int rateBurst = 100;
        private int idleTimeoutMs = 30_000;
        private int maxThreads = 200;
        private String detector = "haar";
        private int detectors = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private int minFace = 24;
        private Path peopleDir;
        private int maxPeople = 10_000;
        private boolean warmup = true;

        private Builder() {
        }

        public Builder optHost(String v) { host = v; return this; }
        public Builder optPort(int v) { port = v; return this; }
        public Builder optMaxBodyBytes(long v) { maxBodyBytes = v; return this; }
        public Builder optMaxPixels(long v) { maxPixels = v; return this; }
        public Builder optBatching(boolean v) { batching = v; return this; }
        public Builder optMaxBatch(int v) { maxBatch = v; return this; }
        public Builder optBatchWaitMs(int v) { batchWaitMs = v; return this; }
        public Builder optQueueFaces(int v) { queueFaces = v; return this; }
        public Builder optMaxFaces(int v) { maxFaces = v; return this; }
        public Builder optDecodeTimeoutMs(int v) { decodeTimeoutMs = v; return this; }
        public Builder optDecodeThreads(int v) { decodeThreads = v; return this; }
        /** Requests per second per client (0 turns the limit off) and the burst allowed. */
        public Builder optRateLimit(double perSecond, int burst) { ratePerSecond = perSecond; rateBurst = burst; return this; }
        public Builder optIdleTimeoutMs(int v) { idleTimeoutMs = v; return this; }
        public Builder optMaxThreads(int v) { maxThreads = v; return this; }
        public Builder optDetector(String v) { detector = v; return this; }
        public Builder optDetectors(int v) { detectors = v; return this; }
        public Builder optMinFace(int v) { minFace = v; return this; }
        public Builder optPeopleDir(Path v) { peopleDir = v; return this; }
        public Builder optMaxPeople(int v) { maxPeople = v; return this; }
        public Builder optWarmup(boolean v) { warmup = v; return this; }

        public ServeOptions build() {
            return new ServeOptions(host, port, maxBodyBytes, maxPixels, batching, maxBatch, batchWaitMs, queueFaces,
                    maxFaces, decodeTimeoutMs, decodeThreads, ratePerSecond, rateBurst, idleTimeoutMs, maxThreads,
                    detector, detectors, minFace, peopleDir, maxPeople, warmup);
        }
    }
}
