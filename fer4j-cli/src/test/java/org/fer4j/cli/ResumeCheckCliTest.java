package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.fer4j.models.FerModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume} continues only the experiment a run folder records: a changed option or dataset is refused. */
class ResumeCheckCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    static final String[] TINY = {"train", "--model", "baseline", "--width", "0.0625", "--image-size", "32",
            "--batch-size", "8", "--val-fraction", "0", "--no-progress", "--epochs", "1", "--no-spl",
            "--images-per-class", "1", "--holdout-folds", "2"};

    static String[] args(String... extra) {
        return Stream.concat(Stream.of(TINY), Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void resumeRefusesAChangedLearningRateOrDatasetAndLeavesTheRunUntouched() throws Exception {
        String out = dir.resolve("run").toString();
        CliTest.Run first = CliTest.run(args("--subjects", "4", "--lr", "0.001", "--out", out));
        assertThat(first.code()).as(first.err()).isZero();
        Path config = dir.resolve("run/config.json");
        Path folds = dir.resolve("run/folds.json");
        byte[] configBefore = Files.readAllBytes(config);
        byte[] foldsBefore = Files.readAllBytes(folds);
        // The saved model says which data it was trained on, the same fingerprint as the run's config.
        String fingerprint = JSON.readTree(config.toFile()).path("dataset_fingerprint").asText();
        assertThat(fingerprint).startsWith("sha256:");
        try (FerModel model = FerModel.load(dir.resolve("run/fold-0/model"))) {
            assertThat(model.provenance()).containsEntry("dataset_fingerprint", fingerprint)
                    .containsEntry("seed", "42").containsKey("code_version");
        }

        CliTest.Run lr = CliTest.run(args("--subjects", "4", "--lr", "0.002", "--out", out, "--resume"));
        assertThat(lr.code()).isEqualTo(2);
        assertThat(lr.err()).contains("train.learningRate: 0.001 -> 0.002", "--force-resume")
                .doesNotContain("dataset_fingerprint");

        CliTest.Run data = CliTest.run(args("--subjects", "5", "--lr", "0.001", "--out", out, "--resume"));
        assertThat(data.code()).isEqualTo(2);
        assertThat(data.err()).contains("dataset_fingerprint").doesNotContain("learningRate");
        assertThat(Files.readAllBytes(config)).isEqualTo(configBefore);
        assertThat(Files.readAllBytes(folds)).isEqualTo(foldsBefore);

        CliTest.Run same = CliTest.run(args("--subjects", "4", "--lr", "0.001", "--out", out, "--resume"));
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.err()).doesNotContain("--force-resume");

        CliTest.Run forced = CliTest.run(args("--subjects", "4", "--lr", "0.002", "--out", out, "--resume",
                "--force-resume"));
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.err()).contains("--force-resume: continuing although train.learningRate: 0.001 -> 0.002");
    }

    @Test
    void aFoldsFileFromAnotherRunGivesTheSameSplitWhateverTheSeed() throws Exception {
        CliTest.Run first = CliTest.run(args("--subjects", "4", "--seed", "1", "--out", dir.resolve("a").toString()));
        assertThat(first.code()).as(first.err()).isZero();
        Path folds = dir.resolve("a/folds.json");
        CliTest.Run second = CliTest.run(args("--subjects", "4", "--seed", "2", "--folds-file", folds.toString(),
                "--out", dir.resolve("b").toString()));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(JSON.readTree(dir.resolve("b/folds.json").toFile())).isEqualTo(JSON.readTree(folds.toFile()));
        var a = JSON.readTree(dir.resolve("a/config.json").toFile());
        var b = JSON.readTree(dir.resolve("b/config.json").toFile());
        assertThat(b.path("folds_hash").asText()).startsWith("sha256:").isEqualTo(a.path("folds_hash").asText());
        assertThat(b.path("folds_file").asText()).endsWith("folds.json");

        Path bad = Files.writeString(dir.resolve("bad.csv"), "subject,fold\nS999,1\nS998,2\n");
        CliTest.Run refused = CliTest.run(args("--subjects", "4", "--folds-file", bad.toString(), "--out",
                dir.resolve("c").toString()));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("bad.csv").contains("not in the dataset: S998, S999");
    }

    /** The hint an interrupted ablation prints ("--resume --out …") is an option the ablation takes. */
    @Test
    void anAblationResumesAndRefusesAChangedOption() throws Exception {
        String out = dir.resolve("ablation").toString();
        String[] tiny = {"ablation", "--variants", "baseline,ndf", "--width", "0.0625", "--image-size", "32",
                "--batch-size", "8", "--val-fraction", "0", "--no-progress", "--epochs", "1", "--no-spl",
                "--subjects", "4", "--images-per-class", "1", "--folds", "2", "--out", out};
        CliTest.Run first = CliTest.run(tiny);
        assertThat(first.code()).as(first.err()).isZero();
        Map<?, ?> before = JSON.readValue(Path.of(out, "ablation.json").toFile(), Map.class);
        CliTest.Run again = CliTest.run(Stream.concat(Stream.of(tiny), Stream.of("--resume")).toArray(String[]::new));
        assertThat(again.code()).as(again.err()).isZero();
        Map<?, ?> after = JSON.readValue(Path.of(out, "ablation.json").toFile(), Map.class);
        for (int i = 0; i < 2; i++) { // the finished folds are read back, not retrained differently
            Map<?, ?> b = (Map<?, ?>) ((java.util.List<?>) before.get("variants")).get(i);
            Map<?, ?> a = (Map<?, ?>) ((java.util.List<?>) after.get("variants")).get(i);
            assertThat(a.get("fold_accuracy")).isEqualTo(b.get("fold_accuracy"));
        }
        CliTest.Run changed = CliTest.run(Stream.concat(Stream.of(tiny), Stream.of("--resume", "--lr", "0.002"))
                .toArray(String[]::new));
        assertThat(changed.code()).as(changed.err()).isEqualTo(2);
        assertThat(changed.err()).contains("train.learningRate: 0.001 -> 0.002");
    }
}
