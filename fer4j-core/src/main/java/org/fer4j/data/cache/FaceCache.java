package org.fer4j.data.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fer4j.data.Dataset;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.data.Skipped;

/**
 * Builds and opens the on-disk face cache of a dataset. Each distinct crop (source image and face
 * box; a neutral reference shared by many targets is stored once) is decoded once, in parallel, into
 * 8-bit pixels at the model's geometry and appended to a segment file; later opens reuse every entry
 * whose source is unchanged (same size and modification time, or same pixels for in-memory images) and
 * decode only the rest. Segments are committed atomically, so an interrupted build keeps every segment
 * it finished. The folder is {@code ROOT/<dataset>/<size>px-<rgb|grey>-m<margin>/}; deleting it is
 * always safe.
 */
public final class FaceCache {
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private FaceCache() {
    }

    /**
     * @param root         folder holding the caches of all datasets
     * @param threads      decoder threads for a build
     * @param strict       fail on the first unreadable image instead of skipping its sample
     * @param segmentBytes a segment is committed when it reaches this size (what an interruption can lose)
     */
    public record Options(Path root, int threads, boolean strict, long segmentBytes) {
        public static final long DEFAULT_SEGMENT_BYTES = 256L << 20;

        public Options {
            if (root == null) {
                throw new IllegalArgumentException("the face cache needs a folder (--cache DIR)");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("decoder threads must be at least 1, got " + threads);
            }
            if (segmentBytes < 1) {
                throw new IllegalArgumentException("segment size must be positive, got " + segmentBytes);
            }
        }

        public Options(Path root, boolean strict) {
            this(root, Math.max(1, Runtime.getRuntime().availableProcessors()), strict, DEFAULT_SEGMENT_BYTES);
        }
    }

    /** Called while a build runs (progress display; tests use it to interrupt a build). */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        /** {@code done} of {@code total} crops that needed decoding are decoded. */
        default void decoded(int done, int total) {
        }

        /** A segment of {@code crops} crops was committed. */
        default void committed(int segment, int crops) {
        }

        /** Something in the folder was damaged and is being rebuilt. */
        default void warning(String message) {
        }
    }

    /** What an open did. */
    public record BuildStats(Path folder, int crops, int reused, int decoded, int failed, int segments,
                             double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "face cache %s: %d crops (%d reused, %d decoded, %d unreadable) in %d segment(s), %.1f s",
                    folder, crops, reused, decoded, failed, segments, seconds);
        }
    }

    /** The cache folder of {@code dataset} at the geometry of {@code pre}. */
    public static Path folder(Path root, String dataset, Preprocessing pre) {
        String name = dataset.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return root.resolve(name.isEmpty() ? "dataset" : name).resolve(Geometry.of(pre).folderName());
    }

    public static CachedFaces open(Dataset dataset, Preprocessing pre, Options options) throws IOException {
        return open(dataset, pre, options, Progress.NONE);
    }

    /**
     * Brings the cache up to date for {@code dataset} and opens it as a face store.
     *
     * @throws IOException naming the sample and file when strict, or when nothing usable remains
     */
    public static CachedFaces open(Dataset dataset, Preprocessing pre, Options options, Progress progress)
            throws IOException {
        long started = System.nanoTime();
        Geometry geometry = Geometry.of(pre);
        Path dir = folder(options.root(), dataset.name(), pre).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        synchronized (JVM_LOCKS.computeIfAbsent(dir, d -> new Object())) {
            try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                Build build = new Build(dir, geometry, pre, options, progress);
                build.readSegments();
                build.plan(dataset.samples());
                build.decode();
                build.collectGarbage();
                return build.open(dataset, started);
            }
        }
    }

    /** One open: the state of the folder and what this dataset needs of it. */
    private static final class Build {
        private final Path dir;
        private final Geometry geometry;
        private final Preprocessing pre;
        private final Options options;
        private final Progress progress;
        /** Newest entry per key (later segments supersede earlier ones). */
        private final Map<String, Segment.Entry> index = new HashMap<>();
        private final TreeMap<Integer, Integer> segments = new TreeMap<>();
        /** Crops this dataset needs, by key, with the fingerprint seen now. */
        private final Map<String, Crop> needed = new LinkedHashMap<>();
        private final Map<String, String> failures = new HashMap<>();
        private int reused;
        private int decoded;

        private record Crop(ImageRef ref, FaceBox box, String fingerprint) {
        }

        Build(Path dir, Geometry geometry, Preprocessing pre, Options options, Progress progress) {
            this.dir = dir;
            this.geometry = geometry;
            this.pre = pre;
            this.options = options;
            this.progress = progress;
        }

        /** Loads every committed segment index; an unreadable one is dropped (its crops are decoded again). */
        void readSegments() throws IOException {
            for (Path idx : list("seg-*.idx")) {
                int n = Segment.number(idx);
                if (n < 0) {
                    continue;
                }
                try {
                    List<Segment.Entry> entries = Segment.readIndex(idx, geometry);
                    long need = entries.isEmpty() ? 0 : (long) (entries.size()) * geometry.slotBytes();
                    if (!Files.isRegularFile(Segment.data(dir, n)) || Files.size(Segment.data(dir, n)) < need) {
                        throw new IOException(Segment.data(dir, n) + ": missing or shorter than its index says");
                    }
                    segments.put(n, entries.size());
                    for (Segment.Entry e : entries) {
                        Segment.Entry old = index.get(e.key());
                        if (old == null || old.segment() < n) {
                            index.put(e.key(), e);
                        }
                    }
                } catch (IOException e) {
                    progress.warning("ignoring a damaged face-cache segment (" + e.getMessage() + "); its crops are decoded again");
                    Files.deleteIfExists(idx);
                }
            }
        }

        void plan(List<Sample> samples) {
            for (Sample s : samples) {
                need(s.image(), s.box());
                if (s.hasNeutral()) {
                    need(s.neutral(), s.neutralBox());
                }
            }
        }

        private void need(ImageRef ref, FaceBox box) {
            String key = SourceKeys.key(ref, box);
            if (needed.containsKey(key)) {
                return;
            }
            String fp = SourceKeys.fingerprint(ref);
            needed.put(key, new Crop(ref, box, fp));
            Segment.Entry e = index.get(key);
            if (e != null && fp != null && e.fingerprint().equals(fp)) {
                reused++;
            }
        }

        /** Decodes what is missing or stale with a bounded pool, writing in order into new segments. */
        void decode() throws IOException {
            List<Map.Entry<String, Crop>> todo = new ArrayList<>();
            for (Map.Entry<String, Crop> c : needed.entrySet()) {
                Segment.Entry e = index.get(c.getKey());
                if (e == null || c.getValue().fingerprint() == null || !e.fingerprint().equals(c.getValue().fingerprint())) {
                    todo.add(c);
                }
            }
            if (todo.isEmpty()) {
                return;
            }
            int next = segments.isEmpty() ? 1 : segments.lastKey() + 1;
            for (Path orphan : list("seg-*.bin")) {
                int n = Segment.number(orphan);
                if (n >= next) {
                    next = n + 1; // an uncommitted data file of an interrupted build: never reuse its number
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
                Thread t = new Thread(r, "fer4j-cache-decode");
                t.setDaemon(true);
                return t;
            });
            Segment.Writer writer = null;
            try {
                int window = options.threads() * 4;
                ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
                int submitted = 0;
                for (int done = 0; done < todo.size(); done++) {
                    while (submitted < todo.size() && inFlight.size() < window) {
                        Crop c = todo.get(submitted++).getValue();
                        inFlight.add(pool.submit(() -> pre.loadPixels(c.ref(), c.box())));
                    }
                    Map.Entry<String, Crop> item = todo.get(done);
                    byte[] pixels;
                    try {
                        pixels = inFlight.poll().get();
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof Error err) {
                            throw err;
                        }
                        String msg = cause.getMessage() != null ? cause.getMessage() : cause.toString();
                        if (options.strict()) {
                            throw new IOException(msg + " (strict mode)", cause);
                        }
                        failures.put(item.getKey(), msg);
                        continue;
                    }
                    if (writer == null) {
                        writer = new Segment.Writer(dir, next++, geometry);
                    }
                    writer.append(item.getKey(), item.getValue().fingerprint(), pixels);
                    decoded++;
                    progress.decoded(decoded, todo.size());
                    if (writer.bytes() >= options.segmentBytes()) {
                        commit(writer);
                        writer = null;
                    }
                }
                if (writer != null) {
                    commit(writer);
                    writer = null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while building the face cache in " + dir, e);
            } finally {
                pool.shutdownNow();
                if (writer != null) {
                    writer.close();
                }
            }
        }

        private void commit(Segment.Writer writer) throws IOException {
            for (Segment.Entry e : writer.commit()) {
                index.put(e.key(), e);
            }
            segments.put(writer.number(), writer.size());
            progress.committed(writer.number(), writer.size());
        }

        /** Deletes segments no entry points to any more, uncommitted data files and stray temporaries. */
        void collectGarbage() throws IOException {
            Set<Integer> live = new HashSet<>();
            for (Segment.Entry e : index.values()) {
                live.add(e.segment());
            }
            List<Path> files = list("seg-*");
            files.addAll(list(".seg-*"));
            for (Path f : files) {
                int n = Segment.number(f);
                boolean stale = n >= 0 && (!live.contains(n) || !segments.containsKey(n));
                if (stale || f.getFileName().toString().endsWith(".tmp")) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        // still open elsewhere (Windows): removed by a later build
                    }
                }
            }
            segments.keySet().retainAll(live);
        }

        CachedFaces open(Dataset dataset, long started) throws IOException {
            List<Sample> kept = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>(dataset.skipped());
            List<Segment.Entry> targets = new ArrayList<>();
            List<Segment.Entry> neutrals = new ArrayList<>();
            for (Sample s : dataset.samples()) {
                String tk = SourceKeys.key(s.image(), s.box());
                String nk = s.hasNeutral() ? SourceKeys.key(s.neutral(), s.neutralBox()) : null;
                String problem = failures.containsKey(tk) ? failures.get(tk) : nk != null ? failures.get(nk) : null;
                if (problem != null) {
                    skipped.add(new Skipped(s.id(), problem));
                    continue;
                }
                kept.add(s);
                targets.add(index.get(tk));
                neutrals.add(nk == null ? null : index.get(nk));
            }
            if (kept.isEmpty() && !dataset.samples().isEmpty()) {
                throw new IOException("dataset " + dataset.name() + ": none of " + dataset.size()
                        + " images could be read; first problem: " + skipped.get(skipped.size() - 1));
            }
            BuildStats stats = new BuildStats(dir, needed.size(), reused, decoded, failures.size(), segments.size(),
                    (System.nanoTime() - started) / 1e9);
            return new CachedFaces(dataset.labels(), pre, kept, skipped, targets, neutrals, dir, stats);
        }

        private List<Path> list(String glob) throws IOException {
            List<Path> out = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
                ds.forEach(out::add);
            }
            out.sort(null);
            return out;
        }
    }
}
