package org.fer4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from {@code /proc/self/status} (Java heap, JVM and libtorch's native
 * memory together: what the operating system charges). Peak RSS can be reset between workloads on
 * Linux, so each workload reports its own peak. Returns -1 where {@code /proc} is not available.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** Current resident set in MiB. */
    public static double rssMb() {
        return field("VmRSS:");
    }

    /** Peak resident set since start or the last {@link #resetPeak()}, in MiB. */
    public static double peakRssMb() {
        return field("VmHWM:");
    }

    /** Memory the JVM has committed for the Java heap, MiB: RSS minus this is mostly native (libtorch). */
    public static double heapCommittedMb() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted()
                / (1024.0 * 1024.0);
    }

    /** Resets the peak to the current resident set ({@code echo 5 > /proc/self/clear_refs}); false if not possible. */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
