package org.fer4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fer4j.testing.RunFolderFixture;

/**
 * The report opens in a real browser: headless Chromium (Debian's package, installed by
 * scripts/ensure-chromium.sh when missing) loads it from disk with no network, logs no page error,
 * and its screenshot shows the charts and faces (many colours, much non-white).
 */
class ReportRenderTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void rendersInHeadlessChromiumWithVisibleContent() throws Exception {
        ensureChromium();
        Path report = ReportWriter.write(RunFolderFixture.spndl(tmp.resolve("run")), ReportWriterTest.FAST);
        Path shot = tmp.resolve("shot.png");
        Path profile = Files.createDirectories(tmp.resolve("profile"));
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--enable-logging=stderr", "--user-data-dir=" + profile, "--screenshot=" + shot, "--window-size=1200,2000",
                report.toUri().toString());
        Path log = tmp.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("chromium finished within 90 s:\n" + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        // Page-level problems (a script error, a resource that failed to load) are logged as CONSOLE or net:: lines.
        for (String line : output.split("\n")) {
            assertThat(line).doesNotContain("CONSOLE(").doesNotContain("net::ERR_").doesNotContain("Uncaught");
        }
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img).as("screenshot " + shot).isNotNull();
        assertThat(img.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        double share = (double) nonWhite / ((long) img.getWidth() * img.getHeight());
        assertThat(colours.size()).as("distinct colours").isGreaterThan(200);
        assertThat(share).as("share of non-white pixels").isGreaterThan(0.05);
    }

    /** Installs Chromium through the project's script when it is missing; skips only if that cannot be done. */
    static void ensureChromium() throws IOException, InterruptedException {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        Path script = Path.of(System.getProperty("fer4j.root", "..")).resolve("scripts").resolve("ensure-chromium.sh");
        String why = "scripts/ensure-chromium.sh not found";
        if (Files.isExecutable(script)) {
            List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.MINUTES);
            why = out.trim();
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "report render test skipped: /usr/bin/chromium is missing and could not be installed (" + why + ")");
    }
}
