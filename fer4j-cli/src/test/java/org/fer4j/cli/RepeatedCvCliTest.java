package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --repeats R}: R·k folds from R fold seeds, and every row compared with the baseline on the same folds. */
class RepeatedCvCliTest {
    @TempDir
    Path dir;

    @Test
    void repeatsGiveRTimesKPairedFoldsAndACorrectedComparison() throws Exception {
        CliTest.Run run = CliTest.run("ablation", "--variants", "baseline,ndf", "--subjects", "6", "--images-per-class", "1",
                "--image-size", "32", "--width", "0.0625", "--epochs", "1", "--batch-size", "8", "--val-fraction", "0",
                "--no-spl", "--folds", "3", "--repeats", "2", "--no-progress", "--out", dir.resolve("r").toString());
        assertThat(run.code()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode folds = json.readTree(dir.resolve("r/folds.json").toFile());
        assertThat(folds).hasSize(6);
        Set<String> partitions = new HashSet<>();
        for (int r = 0; r < 2; r++) {
            partitions.add(folds.get(3 * r).path("test").toString() + folds.get(3 * r + 1).path("test"));
        }
        assertThat(partitions).as("the two repeats draw different partitions").hasSize(2);
        JsonNode cmp = json.readTree(dir.resolve("r/ablation.json").toFile()).path("comparisons");
        assertThat(cmp).hasSize(1);
        assertThat(cmp.get(0).path("n").asInt()).isEqualTo(6);
        assertThat(cmp.get(0).path("against").asText()).contains("baseline");
        double low = cmp.get(0).path("low").asDouble();
        double high = cmp.get(0).path("high").asDouble();
        double mean = cmp.get(0).path("mean_difference").isMissingNode() ? cmp.get(0).path("meanDifference").asDouble()
                : cmp.get(0).path("mean_difference").asDouble();
        assertThat(low).isLessThanOrEqualTo(mean);
        assertThat(high).isGreaterThanOrEqualTo(mean);
        assertThat(cmp.get(0).path("testTrainRatio").asDouble()).isBetween(0.3, 0.7);
        assertThat(run.out()).contains("(corrected resampled t-test, 6 paired folds)");
        String report = java.nio.file.Files.readString(dir.resolve("r/report.html"));
        assertThat(report).contains("id=\"paired-differences\" data-section=\"paired-differences\" data-state=\"present\"")
                .contains("<tr data-run=\"NDF only\">").contains("class=\"chart forest\"");

        CliTest.Run against = CliTest.run("ablation", "--variants", "baseline,ndf", "--against", "ndf", "--subjects", "4",
                "--images-per-class", "1", "--image-size", "32", "--width", "0.0625", "--epochs", "1", "--batch-size", "8",
                "--val-fraction", "0", "--no-spl", "--folds", "2", "--no-progress", "--out", dir.resolve("a").toString());
        assertThat(against.code()).as(against.err()).isZero();
        assertThat(against.out()).containsPattern("baseline vs NDF[^\\n]*: [-+][0-9.]+ points");
        CliTest.Run notARow = CliTest.run("ablation", "--variants", "baseline,ndf", "--against", "nn", "--subjects", "4",
                "--out", dir.resolve("n").toString());
        assertThat(notARow.code()).isEqualTo(2);
        assertThat(notARow.err()).contains("--against nn is not a row of this ablation");

        CliTest.Run split = CliTest.run("cv", "--dataset", "synth", "--protocol", "split", "--repeats", "2",
                "--subjects", "4", "--out", dir.resolve("s").toString());
        assertThat(split.code()).isEqualTo(2);
        assertThat(split.err()).contains("--repeats 2 needs subject folds");
    }
}
