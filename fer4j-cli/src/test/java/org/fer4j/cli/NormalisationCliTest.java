package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --normalise dataset}: each fold's model is standardised by its own training targets, and says so. */
class NormalisationCliTest {
    @TempDir
    Path dir;

    @Test
    void eachFoldsModelRecordsItsOwnTrainingStatistics() throws Exception {
        CliTest.Run run = CliTest.run("cv", "--subjects", "6", "--images-per-class", "1", "--image-size", "32",
                "--width", "0.0625", "--epochs", "1", "--batch-size", "8", "--val-fraction", "0", "--no-spl", "--folds", "2",
                "--grey", "--normalise", "dataset", "--noise-units", "normalised", "--no-progress",
                "--out", dir.resolve("r").toString());
        assertThat(run.code()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode train = json.readTree(dir.resolve("r/config.json").toFile()).path("train");
        assertThat(train.path("normalisation").asText()).isEqualTo("DATASET");
        assertThat(train.path("noiseUnits").asText()).isEqualTo("NORMALISED");
        double[] means = new double[2];
        for (int fold = 0; fold < 2; fold++) {
            Path modelJson;
            try (Stream<Path> files = Files.walk(dir.resolve("r/checkpoints/fold-" + fold))) {
                modelJson = files.filter(p -> p.getFileName().toString().equals("model.json")).findFirst().orElseThrow();
            }
            JsonNode pre = json.readTree(modelJson.toFile()).path("preprocessing");
            means[fold] = pre.path("mean").get(0).asDouble();
            assertThat(means[fold]).as("fold %d's mean is fitted, not the fixed 0.45", fold).isNotCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(pre.path("std").get(0).asDouble()).isBetween(0.01, 0.6);
        }
        assertThat(means[0]).as("two folds train on different subjects").isNotEqualTo(means[1]);

        CliTest.Run bad = CliTest.run("cv", "--subjects", "4", "--normalise", "whole-set", "--out", dir.resolve("b").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("normalisation 'whole-set' is not imagenet or dataset");
    }
}
