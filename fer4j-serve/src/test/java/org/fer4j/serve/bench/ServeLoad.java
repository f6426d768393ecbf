package org.fer4j.serve.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.vision.FixtureFaces;

/**
 * The load test behind {@code bench/serve-load.sh} (a benchmark, not a test): {@code model DIR WIDTH RES}
 * saves an untrained model (inference costs the same as a trained one), {@code photos DIR} writes fixture
 * photos, {@code client URL N CONCURRENCY PHOTOS PID [LABEL [QUERY]]} sends N predictions from CONCURRENCY threads over
 * loopback and prints one line: throughput, latency percentiles, errors, batch sizes (from /metrics) and the
 * server's RSS after a warm-up at that concurrency (a tenth of N) and at the end, with its maximum in between.
 */
public final class ServeLoad {
    private ServeLoad() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "model" -> {
                ModelSpec spec = new ModelSpec(ModelKind.BASELINE, Double.parseDouble(args[2]),
                        Preprocessing.rgb(Integer.parseInt(args[3])), LabelSet.CK_PLUS_7);
                try (FerModel m = FerModel.create(spec, 7)) {
                    m.save(Path.of(args[1]), Map.of("trained_on", "nothing (load test)"));
                }
            }
            case "photos" -> {
                Path dir = Files.createDirectories(Path.of(args[1]));
                ImageIO.write(FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}), "png",
                        dir.resolve("group.png").toFile());
                ImageIO.write(FixtureFaces.frame(200, 160, new int[] {2, 50, 20, 112}), "jpg", dir.resolve("single.jpg").toFile());
                ImageIO.write(FixtureFaces.frame(240, 180, new int[] {3, 60, 30, 112}), "png", dir.resolve("other.png").toFile());
            }
            case "client" -> client(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]),
                    Long.parseLong(args[5]), args.length > 6 ? args[6] : "", args.length > 7 ? args[7] : "");
            case "forward" -> forward(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("model | photos | client | forward");
        }
    }

    /** Times one forward pass per batch size 1..max, twice over: the first pass of a new size pays for its kernels. */
    static void forward(Path model, int max) throws Exception {
        try (FerModel m = FerModel.load(model); org.fer4j.inference.Predictor p = new org.fer4j.inference.Predictor(m)) {
            java.awt.image.BufferedImage face = FixtureFaces.face(2);
            for (int round = 0; round < 2; round++) {
                StringBuilder sb = new StringBuilder("round " + round + ":");
                for (int n = 1; n <= max; n++) {
                    List<org.fer4j.inference.FaceInput> in = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        in.add(new org.fer4j.inference.FaceInput("f" + i, new org.fer4j.data.ImageRef.MemoryImage("f", face), null, null));
                    }
                    long t = System.nanoTime();
                    p.predictEach(in);
                    sb.append(String.format(Locale.ROOT, " %d:%.0fms", n, (System.nanoTime() - t) / 1e6));
                }
                System.out.println(sb);
            }
        }
    }

    static void client(String url, int n, int concurrency, Path photos, long pid, String label, String query)
            throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (var files = Files.list(photos)) {
            for (Path p : files.sorted().toList()) {
                bodies.add(Files.readAllBytes(p));
                types.add(p.toString().endsWith(".jpg") ? "image/jpeg" : "image/png");
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(Math.max(2, concurrency / 4))).build();
        URI predict = URI.create(url + "/v1/predict" + query);
        // warm up at this concurrency (JIT, detector and model first calls, connections, the heap's and the
        // native allocator's working set): a tenth of the run, at least 20 requests, WARMUP=K overrides
        int warmup = Integer.getInteger("warmup", Math.max(Math.max(20, concurrency * 2), n / 10));
        run(http, predict, bodies, types, warmup, concurrency);
        double[] before = batches(http, url);
        long rssStart = rss(pid);
        long[] rssMax = {rssStart};
        var sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                long v = rss(pid);
                synchronized (rssMax) {
                    rssMax[0] = Math.max(rssMax[0], v);
                }
            } catch (IOException e) {
                // the server is gone: the run reports its errors
            }
        }, 250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double serverCpu0 = cpuSeconds(pid);
        long clientCpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Result r = run(http, predict, bodies, types, n, concurrency);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double serverCpu = cpuSeconds(pid) - serverCpu0;
        double clientCpu = (os.getProcessCpuTime() - clientCpu0) / 1e9;
        sampler.shutdownNow();
        long rssEnd = rss(pid);
        double[] after = batches(http, url);
        long[] lat = r.latencies;
        Arrays.sort(lat);
        double batchCount = after[0] - before[0];
        double batchFaces = after[1] - before[1];
        String load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        System.out.printf(Locale.ROOT, "%s c=%d n=%d: %.1f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, errors %d %s,"
                        + " mean batch %.2f faces (max bucket %s), RSS %d -> %d MiB (%+.1f %%, max %d) after %d warm-up, load %s%n",
                label, concurrency, n, n / seconds, pct(lat, 50), pct(lat, 95), pct(lat, 99), r.errors.get(),
                r.codes, batchCount == 0 ? 0 : batchFaces / batchCount, maxBucket(before, after), rssStart >> 10,
                rssEnd >> 10, 100.0 * (rssEnd - rssStart) / rssStart, rssMax[0] >> 10, warmup, load);
        // what the requests cost the server's CPU alone: where the server has its cores to itself (the client elsewhere),
        // its throughput is bounded by cores / (server CPU per request), the last figure
        System.out.printf(Locale.ROOT, "  CPU per request: server %.1f ms, client %.1f ms; requests per server CPU-second %.1f%n",
                1000 * serverCpu / n, 1000 * clientCpu / n, n / serverCpu);
        String m = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : m.split("\n")) {
            if (line.startsWith("fer4j_errors_total{")) {
                System.out.println("  server so far: " + line);
            }
        }
        System.exit(0);
    }

    /** A process's user + system CPU time from {@code /proc/PID/stat} (fields 14 and 15, at Linux's 100 ticks a second). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // after the name: state is field 3, utime 14, stime 15
    }

    record Result(long[] latencies, AtomicInteger errors, Map<Integer, Integer> codes) {
    }

    static Result run(HttpClient http, URI predict, List<byte[]> bodies, List<String> types, int n, int concurrency)
            throws Exception {
        long[] lat = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<Integer, Integer> codes = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    int k = i % bodies.size();
                    long s = System.nanoTime();
                    int code;
                    try {
                        code = http.send(HttpRequest.newBuilder(predict).header("Content-Type", types.get(k))
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(k)))
                                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException | InterruptedException e) {
                        code = -1;
                    }
                    lat[i] = System.nanoTime() - s;
                    if (code != 200) {
                        errors.incrementAndGet();
                        synchronized (codes) {
                            codes.merge(code, 1, Integer::sum);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return new Result(lat, errors, codes);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static final Pattern BUCKET = Pattern.compile("fer4j_batch_size_bucket\\{le=\"(\\d+)\"} (\\d+)");

    /** count, sum, then the cumulative buckets 1, 2, 4, … of the batch-size histogram. */
    static double[] batches(HttpClient http, String url) throws Exception {
        String m = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<Double> v = new ArrayList<>();
        v.add(value(m, "fer4j_batch_size_count"));
        v.add(value(m, "fer4j_batch_size_sum"));
        Matcher b = BUCKET.matcher(m);
        while (b.find()) {
            v.add(Double.parseDouble(b.group(2)));
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The largest batch-size bucket that gained batches during the run. */
    static String maxBucket(double[] before, double[] after) {
        int[] bounds = {1, 2, 4, 8, 16, 32, 64, 128, 256};
        double total = after[0] - before[0];
        for (int i = 0; i < bounds.length; i++) {
            if (after[2 + i] - before[2 + i] >= total) {
                return "<=" + bounds[i];
            }
        }
        return ">256";
    }

    static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    static long rss(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
