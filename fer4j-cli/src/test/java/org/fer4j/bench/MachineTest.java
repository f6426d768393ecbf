package org.fer4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The malloc a benchmark ran on is read from the process's own mappings, so a result says which one it was. */
class MachineTest {
    /** Debian's tcmalloc, which {@code scripts/ensure-chromium.sh} installs for this test and the launcher preloads. */
    static final Path TCMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");

    /** Prints what {@link Machine#allocator()} sees, in a child JVM. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println("allocator=" + Machine.allocator());
        }
    }

    @Test
    void aProcessWithoutAPreloadedMallocRunsOnGlibcs() throws Exception {
        assertThat(child(null)).isEqualTo("allocator=glibc");
    }

    @Test
    void aPreloadedTcmallocIsNamed() throws Exception {
        assertThat(Files.isRegularFile(TCMALLOC))
                .as(TCMALLOC + " is missing: install Debian's libtcmalloc-minimal4 (scripts/ensure-chromium.sh does)").isTrue();
        assertThat(child(TCMALLOC)).isEqualTo("allocator=tcmalloc");
    }

    private static String child(Path preload) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("LD_PRELOAD");
        if (preload != null) {
            pb.environment().put("LD_PRELOAD", preload.toString());
        }
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(l -> l.startsWith("allocator=")).findFirst().orElse(out);
    }
}
