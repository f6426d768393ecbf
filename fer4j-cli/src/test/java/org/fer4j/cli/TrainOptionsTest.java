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
    void helpShowsTheWarmUpDefault() {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = Fer4j.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true),
                "train", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("such as 40%").contains("(default: 40%)");
    }
}
