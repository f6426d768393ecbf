package org.fer4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.fer4j.models.ModelKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's headless Chromium driven by chromium-driver (installed by
 * scripts/ensure-chromium.sh). A photo is uploaded, its two faces get boxes and expression bars; a
 * one-face photo is enrolled with "This is my neutral face" and the page switches to the calibrated
 * (paired SPNDL) model; the webcam button sends frames of Chromium's fake camera. The screenshot is kept in target/ (and copied to docs/images with
 * -Dfer4j.writeDocs=true). Without the browser the test skips loudly, and fails with CI=1.
 */
class ServePageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void uploadSeeBoxesAndBarsEnrolNeutralSeeCalibrated() throws Exception {
        ensureBrowser();
        Path group = tmp.resolve("group.png");
        Path single = tmp.resolve("single.png");
        ImageIO.write(ServeFixtures.group(), "png", group.toFile());
        ImageIO.write(ServeFixtures.single(), "png", single.toFile());
        try (ServedModel baseline = ServedModel.load(ServeFixtures.model(tmp.resolve("baseline/model"), ModelKind.BASELINE, 1));
             ServedModel spndl = ServedModel.load(ServeFixtures.model(tmp.resolve("spndl/model"), ModelKind.SPNDL, 2));
             FerServer server = FerServer.start(baseline, spndl, ServeOptions.builder().optPort(0).optDetectors(1).build())) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1200,900", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + tmp.resolve("profile"),
                    "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                driver.get(server.url() + "/");
                wait.until(d -> d.findElement(By.id("mode")).getText().contains("baseline/model"));

                driver.findElement(By.id("file")).sendKeys(group.toString());
                wait.until(d -> d.findElements(By.cssSelector("#boxes .box")).size() == 2);
                List<WebElement> cards = driver.findElements(By.cssSelector("#faces .face"));
                assertThat(cards).hasSize(2);
                for (WebElement card : cards) {
                    List<WebElement> bars = card.findElements(By.cssSelector(".bar"));
                    assertThat(bars).hasSize(3);
                    assertThat(card.findElements(By.cssSelector(".bar.top"))).hasSize(1);
                    double width = card.findElement(By.cssSelector(".bar.top .fill")).getSize().getWidth();
                    assertThat(width).as("the top class's bar is drawn").isGreaterThan(10);
                }
                WebElement box = driver.findElement(By.cssSelector("#boxes .box"));
                assertThat(box.getSize().getWidth()).isGreaterThan(50);
                assertThat(driver.findElement(By.tagName("body")).getAttribute("data-calibrated")).isEqualTo("false");

                driver.findElement(By.id("file")).sendKeys(single.toString());
                wait.until(d -> d.findElements(By.cssSelector("#boxes .box")).size() == 1
                        && d.findElement(By.id("neutral")).isEnabled());
                driver.findElement(By.id("neutral")).click();
                wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-calibrated")));
                assertThat(driver.findElement(By.id("mode")).getText()).contains("calibrated").contains("spndl/model");
                assertThat(driver.findElement(By.id("forget")).isDisplayed()).isTrue();

                driver.findElement(By.id("file")).sendKeys(group.toString());
                wait.until(d -> d.findElements(By.cssSelector("#boxes .box")).size() == 2
                        && "spndl/model".equals(d.findElement(By.tagName("body")).getAttribute("data-model")));
                assertThat(driver.findElements(By.cssSelector("#faces .face .bar"))).hasSize(6);
                assertThat(driver.findElement(By.id("status")).getAttribute("class")).doesNotContain("error");

                Path shot = Path.of("target", "selenium", "serve-page.png");
                Files.createDirectories(shot.getParent());
                Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
                        StandardCopyOption.REPLACE_EXISTING);
                assertThat(ImageIO.read(shot.toFile()).getWidth()).isGreaterThan(600);
                if (Boolean.getBoolean("fer4j.writeDocs")) {
                    Path docs = Path.of(System.getProperty("fer4j.root", "..")).resolve("docs/images/serve-page.png");
                    Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
                }
                // The webcam (Chromium's fake camera: a test pattern, no face): frames go to the server while it runs.
                long before = predictions(server);
                driver.findElement(By.id("webcam")).click();
                wait.until(d -> predictions(server) >= before + 3);
                assertThat(driver.findElement(By.id("video")).isDisplayed()).isTrue();
                assertThat(driver.findElement(By.id("webcam")).getText()).contains("Stop");
                driver.findElement(By.id("webcam")).click();

                for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                    // the one expected 404 is the page asking whether this browser's person is enrolled yet
                    if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !e.getMessage().contains("/v1/people/")) {
                        throw new AssertionError("browser console: " + e.getMessage());
                    }
                }
            } finally {
                driver.quit();
            }
        }
    }

    /** Successful predictions the server has answered so far. */
    static long predictions(FerServer server) {
        for (String line : server.metrics().prometheus().split("\n")) {
            if (line.startsWith("fer4j_requests_total{route=\"/v1/predict\",code=\"200\"}")) {
                return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Installs the browser through the project's script when missing; fails in CI (CI=1), skips loudly elsewhere. */
    static void ensureBrowser() throws Exception {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        Path script = Path.of(System.getProperty("fer4j.root", "..")).resolve("scripts").resolve("ensure-chromium.sh");
        String why = "scripts/ensure-chromium.sh not found";
        if (Files.isExecutable(script)) {
            Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
            why = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
        }
        boolean ok = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        String message = "serve page browser test: " + CHROMIUM + " or " + DRIVER + " is missing and could not be installed ("
                + why + ")";
        if (!ok && "1".equals(System.getenv("CI"))) {
            throw new AssertionError(message + "; CI=1 needs it");
        }
        if (!ok) {
            System.err.println("SKIPPED " + message);
        }
        Assumptions.assumeTrue(ok, message);
    }

}
