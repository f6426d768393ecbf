package org.fer4j.data.cache;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.fer4j.data.Dataset;
import org.fer4j.data.FaceStore;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;

/**
 * Chooses where a dataset's tensors live: in memory when they fit comfortably in the heap (fastest,
 * nothing written), otherwise in the on-disk {@link FaceCache}. Both give the same tensors, so the
 * choice never changes a result.
 *
 * @param mode      auto (by size), memory or cache
 * @param cacheRoot folder of the face cache (default {@link #defaultCacheRoot()})
 * @param threads   decoder threads
 */
public record FaceStores(Mode mode, Path cacheRoot, int threads) {
    /** Share of the maximum heap that in-memory tensors may take before {@link Mode#AUTO} picks the cache. */
    public static final double AUTO_HEAP_SHARE = 0.25;

    public enum Mode { AUTO, MEMORY, CACHE }

    public FaceStores {
        if (mode == null) {
            throw new IllegalArgumentException("store mode must be auto, memory or cache");
        }
        cacheRoot = cacheRoot == null ? defaultCacheRoot() : cacheRoot;
        if (threads < 1) {
            throw new IllegalArgumentException("decoder threads must be at least 1, got " + threads);
        }
    }

    public static FaceStores auto() {
        return new FaceStores(Mode.AUTO, null, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** {@code $FER4J_CACHE}, else {@code $XDG_CACHE_HOME/fer4j}, else {@code ~/.cache/fer4j}. */
    public static Path defaultCacheRoot() {
        String own = System.getenv("FER4J_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fer4j");
    }

    /** Bytes the in-memory store would hold: one float tensor per target and per neutral reference. */
    public static long inMemoryBytes(Dataset ds, Preprocessing pre) {
        long tensors = ds.size() + ds.pairs();
        return tensors * pre.length() * Float.BYTES;
    }

    /** Whether this choice puts {@code ds} into the cache, given a heap of {@code maxHeap} bytes. */
    public boolean usesCache(Dataset ds, Preprocessing pre, long maxHeap) {
        return switch (mode) {
            case MEMORY -> false;
            case CACHE -> true;
            case AUTO -> inMemoryBytes(ds, pre) > AUTO_HEAP_SHARE * maxHeap;
        };
    }

    /** Loads {@code ds} into the chosen store; says which on {@code log} (may be null). */
    public FaceStore open(Dataset ds, Preprocessing pre, boolean strict, PrintWriter log) throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        if (!usesCache(ds, pre, max)) {
            return InMemoryFaces.load(ds, pre, strict, threads);
        }
        if (log != null && mode == Mode.AUTO) {
            log.printf(Locale.ROOT, "fer4j: %s needs %.1f GB as tensors, more than %.0f %% of the %.1f GB heap: using the on-disk face cache (--no-cache to keep it in memory)%n",
                    ds.name(), inMemoryBytes(ds, pre) / 1e9, 100 * AUTO_HEAP_SHARE, max / 1e9);
        }
        CachedFaces faces = FaceCache.open(ds, pre, new FaceCache.Options(cacheRoot, threads, strict,
                FaceCache.Options.DEFAULT_SEGMENT_BYTES), progress(log));
        if (log != null) {
            log.println("fer4j: " + faces.stats());
            log.flush();
        }
        return faces;
    }

    private static FaceCache.Progress progress(PrintWriter log) {
        if (log == null) {
            return FaceCache.Progress.NONE;
        }
        return new FaceCache.Progress() {
            private long last = System.nanoTime();

            @Override
            public void warning(String message) {
                log.println("fer4j: " + message);
                log.flush();
            }

            @Override
            public void decoded(int done, int total) {
                long now = System.nanoTime();
                if (now - last > 10_000_000_000L || done == total) {
                    last = now;
                    log.printf(Locale.ROOT, "fer4j: face cache: decoded %d of %d crops%n", done, total);
                    log.flush();
                }
            }
        };
    }
}
