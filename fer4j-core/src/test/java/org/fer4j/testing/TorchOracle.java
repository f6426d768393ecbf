package org.fer4j.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code ../shared/parity/torch_oracle.py}, the papers' tool as a yardstick, with the Python that
 * {@code scripts/ensure-oracle.sh} prepares. Where that Python cannot be prepared the parity tests fail
 * in CI (environment variable {@code CI} set) and are skipped with the reason elsewhere, or where the
 * checkout has no {@code ../shared/parity} beside it at all.
 */
public final class TorchOracle {
    private static List<String> python;
    private static String unavailable;

    private TorchOracle() {
    }

    static Path root() {
        return Path.of(System.getProperty("fer4j.root", "..")).toAbsolutePath().normalize();
    }

    /** The oracle script, next to the checkout. */
    public static Path script() {
        return root().resolve("../shared/parity/torch_oracle.py").normalize();
    }

    /** The Python command, preparing it once; aborts (or fails in CI) the calling test when impossible. */
    public static synchronized List<String> python() {
        if (python == null && unavailable == null) {
            try {
                Path ensure = root().resolve("scripts/ensure-oracle.sh");
                Process p = new ProcessBuilder("bash", ensure.toString()).redirectErrorStream(false).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
                    unavailable = "scripts/ensure-oracle.sh failed: " + err;
                } else if (!Files.isRegularFile(script())) {
                    unavailable = script() + " not found";
                } else {
                    String[] lines = out.split("\n");
                    python = Arrays.asList(lines[lines.length - 1].trim().split("\\s+"));
                }
            } catch (IOException | InterruptedException e) {
                unavailable = "cannot run scripts/ensure-oracle.sh: " + e;
            }
        }
        if (python == null) {
            // In CI the oracle must run; only a checkout without ../shared/parity next to it (a copy made
            // elsewhere) cannot have it at all, and says so.
            if (System.getenv("CI") != null && Files.isRegularFile(script())) {
                fail("the PyTorch oracle is required in CI: " + unavailable);
            }
            Assumptions.abort("PyTorch oracle unavailable, parity test skipped: " + unavailable);
        }
        return python;
    }

    /** Runs one oracle subcommand; returns its standard output, or fails with everything it printed. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(python());
        cmd.add(script().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("torch_oracle.py " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }
}
