package org.fer4j.cli;

import java.nio.file.Path;
import org.fer4j.data.cache.FaceStores;
import picocli.CommandLine.Option;

/** Where preprocessed faces live: in memory, or streamed from the on-disk face cache (AffectNet-sized sets). */
public final class CacheOptions {
    @Option(names = "--cache", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
            description = "Stream preprocessed faces from the on-disk face cache, built once and reused (in DIR; "
                    + "default $FER4J_CACHE or ~/.cache/fer4j). Without --cache or --no-cache, datasets too large "
                    + "for a quarter of the heap use it automatically.")
    String cache;

    @Option(names = "--no-cache", description = "Hold every preprocessed face in memory, however large the dataset.")
    boolean noCache;

    @Option(names = "--decode-threads", description = "Threads decoding images (default: all processors).")
    @Range(min = 1, max = 1024)
    Integer decodeThreads;

    /** The store choice these options make. */
    public FaceStores stores() {
        if (cache != null && noCache) {
            throw new IllegalArgumentException("--cache and --no-cache contradict each other; give one of them");
        }
        if (decodeThreads != null && decodeThreads < 1) {
            throw new IllegalArgumentException("--decode-threads must be at least 1, got " + decodeThreads);
        }
        FaceStores.Mode mode = noCache ? FaceStores.Mode.MEMORY : cache != null ? FaceStores.Mode.CACHE : FaceStores.Mode.AUTO;
        Path root = cache == null || cache.isBlank() ? null : Path.of(cache);
        int threads = decodeThreads != null ? decodeThreads : Math.max(1, Runtime.getRuntime().availableProcessors());
        return new FaceStores(mode, root, threads);
    }
}
