package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.fer4j.training.ConvolutionGradientCheck;
import org.junit.jupiter.api.Test;

/** The re-run with oneDNN capped (for processors whose convolution gradients are wrong, docs/PLATFORMS.md). */
class CappedRunTest {
    @Test
    void onlyTrainingCommandsAreChecked() {
        assertThat(Fer4j.trains(new String[] {"demo"})).isTrue();
        assertThat(Fer4j.trains(new String[] {"--debug", "cv", "--folds", "2"})).isTrue();
        assertThat(Fer4j.trains(new String[] {"ablation"})).isTrue();
        assertThat(Fer4j.trains(new String[] {"predict", "--model", "train"})).isFalse(); // an option's value is no command
        assertThat(Fer4j.trains(new String[] {"models", "list"})).isFalse();
        assertThat(Fer4j.trains(new String[] {"--version"})).isFalse();
        assertThat(Fer4j.trains(new String[0])).isFalse();
    }

    @Test
    void theCappedRunIsAWorkingJvmThatSeesTheCap() throws Exception {
        ProcessBuilder builder = Fer4j.cappedRun("--version").redirectErrorStream(true);
        assertThat(builder.environment()).containsEntry(ConvolutionGradientCheck.ISA_VARIABLE, ConvolutionGradientCheck.SAFE_ISA);
        assertThat(builder.command()).doesNotContain("-XX:ArchiveClassesAtExit").contains(Fer4j.class.getName());
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("fer4j ").contains("onednn_isa " + ConvolutionGradientCheck.SAFE_ISA);
    }
}
