package org.fer4j.data.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fer4j.util.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming 20,000 generated faces through the face cache and the batch assembler keeps memory flat:
 * it runs in a JVM whose heap is capped at 64 MB while the same faces as in-memory float tensors take
 * 491 MB, the heap after garbage collection does not grow while streaming, and the peak resident
 * set stays far below the tensors' size.
 */
class StreamingMemoryTest {
    static final int IMAGES = 20_000;
    static final long MB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void twentyThousandFacesStreamInBoundedMemory() throws IOException, InterruptedException {
        // The fixture goes to RAM where there is one: on a shared virtual disk, flushing 20k freshly created
        // files dominates the run (the point here is memory, not the disk).
        Path shm = Path.of("/dev/shm");
        Path work = Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > 512 * MB
                ? Files.createTempDirectory(shm, "fer4j-stream-") : dir;
        try {
            probe(work);
        } finally {
            if (!work.equals(dir)) {
                AtomicFiles.deleteRecursively(work);
            }
        }
    }

    private void probe(Path work) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", cp, StreamingMemoryProbe.class.getName(), work.toString(), Integer.toString(IMAGES))
                .redirectErrorStream(true);
        pb.environment().put("CLASSPATH", cp);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, Double> v = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.trim().split("=", 2);
            if (kv.length == 2 && kv[1].matches("-?[0-9.E]+")) {
                v.put(kv[0], Double.parseDouble(kv[1]));
            }
        }
        assertThat(v.keySet()).as(out).containsAll(List.of("samples", "heap_opened", "heap_max_streaming", "rss_peak"));
        assertThat(v.get("samples")).isEqualTo(IMAGES);
        double payload = v.get("payload_float_bytes");
        assertThat(payload).as("what the in-memory store would hold").isGreaterThan(400 * MB);
        // what the open store keeps: slot numbers (16 bytes a sample) and bookkeeping, not tensors
        assertThat(v.get("heap_opened") - v.get("heap_baseline")).as(out).isLessThan(16 * MB);
        // streaming every pair once does not grow the heap beyond one batch and its buffers
        assertThat(v.get("heap_max_streaming") - v.get("heap_opened")).as(out).isLessThan(8 * MB);
        if (v.get("rss_peak") > 0) {
            assertThat(v.get("rss_peak")).as(out).isLessThan(payload / 2);
        }
    }
}
