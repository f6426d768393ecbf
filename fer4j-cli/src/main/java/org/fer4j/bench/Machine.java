package org.fer4j.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a benchmark ran on: processor, the vector and bfloat16 units it reports, libtorch's thread
 * counts and the JVM's flags, saved with every result (a number means little without them).
 */
public final class Machine {
    /**
     * Flags that decide whether bf16 can beat fp32 (native bf16 dot products or AMX tiles), and VP2INTERSECT, found on
     * the processors whose uncapped convolution gradients are wrong in libtorch 2.5.1 (docs/PLATFORMS.md).
     */
    static final List<String> FLAGS = List.of("avx2", "avx512f", "avx512_bf16", "avx512_vp2intersect", "amx_tile",
            "amx_bf16");

    private Machine() {
    }

    /** Sets libtorch's intra-op threads (0 leaves its default); inter-op threads only via system property. */
    public static void setThreads(int intraOp) {
        if (intraOp > 0) {
            Engine.getInstance();
            JniUtils.setNumThreads(intraOp);
        }
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cpu_flags", cpuFlags());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("allocator", allocator());
        Engine.getInstance();
        m.put("intra_op_threads", JniUtils.getNumThreads());
        m.put("inter_op_threads", JniUtils.getNumInteropThreads());
        m.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return m;
    }

    /** Whether the processor has native bfloat16 arithmetic (AVX-512-BF16 or AMX-BF16). */
    public static boolean hasBf16Units() {
        List<String> f = cpuFlags();
        return f.contains("avx512_bf16") || f.contains("amx_bf16");
    }

    static List<String> cpuFlags() {
        List<String> found = new ArrayList<>();
        for (String line : cpuinfo()) {
            if (line.startsWith("flags")) {
                Set<String> have = Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                for (String f : FLAGS) {
                    if (have.contains(f)) {
                        found.add(f);
                    }
                }
                break;
            }
        }
        return found;
    }

    /**
     * The malloc the process runs on: {@code tcmalloc} or {@code jemalloc} when one is preloaded (the launcher preloads
     * tcmalloc where it is installed, see docs/PERFORMANCE.md), else {@code glibc}. libtorch allocates and frees its
     * intermediates every training step, so the allocator moves the training rows by a quarter or more.
     */
    public static String allocator() {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.map(l -> l.contains("libtcmalloc") ? "tcmalloc" : l.contains("libjemalloc") ? "jemalloc" : null)
                    .filter(a -> a != null).findFirst().orElse("glibc");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        for (String line : cpuinfo()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
