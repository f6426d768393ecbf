package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model adversarial} and {@code ablation --model adversarial --beta1 …} end to end, tiny. */
class AdversarialCliTest {
    @TempDir
    Path dir;

    static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    static final String[] TINY = {"--subjects", "4", "--width", "0.0625", "--image-size", "32",
            "--batch-size", "8", "--val-fraction", "0", "--no-progress", "--z-size", "16"};

    static String[] args(String[] head, String... tail) {
        return Stream.of(head, TINY, tail).flatMap(Stream::of).toArray(String[]::new);
    }

    @Test
    void ablationOverBeta1PrintsProbesAndWritesProbeFilesAndReconstructions() throws Exception {
        Path out = dir.resolve("ablation");
        CliTest.Run r = run(args(new String[] {"ablation", "--model", "adversarial", "--beta1", "0,1"}, "--folds", "2",
                "--images-per-class", "1", "--max-folds", "1", "--epochs", "1", "--no-spl", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("expr|zn", "id|zn", "baseline", "adversarial beta1=0 beta2=0",
                "adversarial beta1=0 beta2=1", "adversarial beta1=1 beta2=1");
        ObjectMapper json = new ObjectMapper();
        for (String row : List.of("baseline", "adversarial-beta1-0-beta2-0", "adversarial-beta1-0-beta2-1",
                "adversarial-beta1-1-beta2-1")) {
            Map<?, ?> probes = json.readValue(out.resolve(row).resolve("fold-0/probes.json").toFile(), Map.class);
            Map<?, ?> expression = (Map<?, ?>) probes.get("expression");
            List<Object> expected = row.equals("baseline") ? List.of("features") : List.of("z_e", "z_n");
            assertThat(List.copyOf(expression.keySet())).as(row).isEqualTo(expected);
            assertThat(((Map<?, ?>) probes.get("subject")).keySet()).as(row).hasSize(expression.size());
        }
        try (Stream<Path> pngs = Files.list(out.resolve("adversarial-beta1-1-beta2-1/reconstructions"))) {
            List<Path> files = pngs.toList();
            assertThat(files).hasSize(8);
            BufferedImage pair = ImageIO.read(files.get(0).toFile());
            assertThat(pair.getWidth()).isEqualTo(64);
            assertThat(pair.getHeight()).isEqualTo(32);
        }
        assertThat(out.resolve("adversarial-beta1-0-beta2-1/reconstructions")).doesNotExist();
        Map<?, ?> ablation = json.readValue(out.resolve("ablation.json").toFile(), Map.class);
        List<?> rows = (List<?>) ablation.get("variants");
        assertThat(rows).hasSize(4);
        assertThat(((Map<?, ?>) rows.get(1)).get("probes")).isNotNull();
    }

    @Test
    void adversaryVariantsAddOneRowEachWithTheirSettingsInTheSavedModel() throws Exception {
        Path out = dir.resolve("variants");
        CliTest.Run r = run(args(new String[] {"ablation", "--model", "adversarial", "--adversary-variants", "ensemble+identity,linear"},
                "--folds", "2", "--images-per-class", "1", "--max-folds", "1", "--epochs", "2", "--no-spl", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("adversarial ensemble+identity", "adversarial linear");
        Map<?, ?> ablation = new ObjectMapper().readValue(out.resolve("ablation.json").toFile(), Map.class);
        assertThat((List<?>) ablation.get("variants")).hasSize(5); // baseline, β2 = 0, β2 = 1, and the two variants
        String ensemble = Files.readString(out.resolve("adversarial-ensemble-identity/fold-0/model/model.json"));
        assertThat(ensemble).contains("\"adv.count\" : \"4\"", "\"adv.reset\" : \"2\"", "\"adv.identity\" : \"1.0\"");
        assertThat(Files.readString(out.resolve("adversarial-ensemble-identity/metrics.jsonl"))).contains("\"identity\"");
        assertThat(Files.readString(out.resolve("adversarial-linear/fold-0/model/model.json"))).contains("\"adv.arch\" : \"linear\"")
                .doesNotContain("adv.count");

        CliTest.Run bad = run(args(new String[] {"ablation", "--model", "adversarial", "--adversary-variants", "ensemble+wide"},
                "--folds", "2", "--out", dir.resolve("bad").toString()));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown adversary variant 'wide'").doesNotContain("Exception");
        CliTest.Run spndl = run(args(new String[] {"ablation", "--adversary-variants", "linear"}, "--folds", "2",
                "--out", dir.resolve("bad2").toString()));
        assertThat(spndl.code()).isEqualTo(2);
        assertThat(spndl.err()).contains("--adversary-variants adds rows to the adversarial ablation");
        CliTest.Run arch = run(args(new String[] {"train", "--model", "adversarial", "--adversary-arch", "wide"},
                "--epochs", "1", "--out", dir.resolve("bad3").toString()));
        assertThat(arch.code()).isEqualTo(2);
        assertThat(arch.err()).contains("unknown adversary architecture 'wide'");
    }

    @Test
    void trainsWithSelfPacedLearningAndReversalThenPredicts() throws Exception {
        Path out = dir.resolve("train");
        CliTest.Run r = run(args(new String[] {"train", "--model", "adversarial", "--adversarial-mode", "reversal",
                "--reversal-lambda", "0.5", "--adversary-steps", "2", "--beta1", "0.1"}, "--holdout-folds", "2",
                "--images-per-class", "2", "--epochs", "3", "--spl-schedule", "0.5,1.0", "--spl-warmup", "1", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("expression from z_e", "expression from z_n", "identity from z_n", "identity chance");
        assertThat(Files.readAllLines(out.resolve("spl.jsonl"))).hasSize(2);
        assertThat(out.resolve("fold-0/probes.json")).exists();
        assertThat(Files.readString(out.resolve("fold-0/model/model.json"))).contains("\"adv.mode\" : \"reversal\"");

        Path face = dir.resolve("face.png");
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(4, 4, 40, 40);
        g.dispose();
        ImageIO.write(img, "png", face.toFile());
        CliTest.Run p = run("predict", "--model", out.resolve("fold-0/model").toString(), "--image", face.toString(),
                "--format", "json");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("probabilities");
    }

    @Test
    void badAdversarialOptionsExitWith2() {
        CliTest.Run list = run(args(new String[] {"train", "--model", "adversarial", "--beta1", "0,1"}, "--out",
                dir.resolve("a").toString()));
        assertThat(list.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(list.err()).contains("--beta1 takes one value", "ablation --model adversarial");
        CliTest.Run mode = run(args(new String[] {"train", "--model", "adversarial", "--adversarial-mode", "minimax"}, "--out",
                dir.resolve("b").toString()));
        assertThat(mode.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(mode.err()).contains("minimax");
        CliTest.Run variants = run(args(new String[] {"ablation", "--model", "adversarial", "--variants", "spl"}, "--out",
                dir.resolve("c").toString()));
        assertThat(variants.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(variants.err()).contains("--variants");
        assertThat(dir.resolve("a")).doesNotExist();
    }
}
