package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainOptionsTest {
    private static TrainOptions parse(String... args) {
        TrainOptions t = new TrainOptions();
        new CommandLine(new Object() {
            @CommandLine.Mixin TrainOptions options = t;
        }).parseArgs(args);
        return t;
    }

    @Test
    void warmUpIsACountOrAShareOfTheEpochs() {
        assertThat(parse().selfPaced(true).warmupEpochs()).isEqualTo(12); // 40% of 30
        assertThat(parse("--epochs", "10").selfPaced(true).warmupEpochs()).isEqualTo(4);
        assertThat(parse("--spl-warmup", "1").selfPaced(true).warmupEpochs()).isEqualTo(1);
        assertThat(parse("--spl-warmup", "0%").selfPaced(true).warmupEpochs()).isZero();
        assertThat(parse().selfPaced(false).warmupEpochs()).isZero();
        assertThatThrownBy(() -> parse("--spl-warmup", "half").selfPaced(true)).hasMessageContaining("--spl-warmup half");
        assertThatThrownBy(() -> parse("--spl-warmup", "100%").selfPaced(true)).hasMessageContaining("[0%, 100%)");
    }

    @Test
    void probeEveryReachesTheTrainingConfigAndIsRangeChecked() {
        assertThat(parse().config().probeEvery()).isZero();
        assertThat(parse("--probe-every", "3").config().probeEvery()).isEqualTo(3);
        CliTest.Run r = CliTest.run("train", "--probe-every", "-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--probe-every");
    }

    @Test
    void trainWithProbesLogsTheCurveAndDrawsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String[] tiny = {"train", "--model", "adversarial", "--subjects", "10", "--images-per-class", "1", "--width",
                "0.0625", "--image-size", "32", "--batch-size", "8", "--epochs", "2", "--no-spl", "--no-progress",
                "--holdout-folds", "2", "--probe-every", "1"};
        CliTest.Run none = CliTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(tiny),
                java.util.stream.Stream.of("--val-fraction", "0", "--out", dir.resolve("none").toString())).toArray(String[]::new));
        assertThat(none.code()).as(none.err()).isEqualTo(2);
        assertThat(none.err().strip()).contains("--probe-every 1 needs a validation part").doesNotContain("\n")
                .doesNotContain("Exception");

        java.nio.file.Path out = dir.resolve("probed");
        CliTest.Run r = CliTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(tiny),
                java.util.stream.Stream.of("--val-fraction", "0.8", "--out", out.toString())).toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        java.util.List<org.fer4j.runs.EpochRecord> epochs = org.fer4j.runs.RunLog.readEpochs(out);
        assertThat(epochs).hasSize(2).allSatisfy(e -> assertThat(e.probes().expression()).containsOnlyKeys("z_e", "z_n"));
        assertThat(java.nio.file.Files.readString(out.resolve("config.json"))).contains("\"probeEvery\" : 1");
        assertThat(java.nio.file.Files.readString(out.resolve("report.html"))).contains("probe-chart");
    }

    @Test
    void helpShowsTheWarmUpDefault() {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = Fer4j.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true),
                "train", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("such as 40%").contains("(default: 40%)");
    }
}
