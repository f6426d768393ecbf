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
    void inlpAddsTheProjectedZnColumnsAndProbeFields() throws Exception {
        Path out = dir.resolve("inlp");
        CliTest.Run r = run(args(new String[] {"ablation", "--model", "adversarial", "--beta1", "1", "--inlp"}, "--folds", "2",
                "--images-per-class", "1", "--max-folds", "1", "--epochs", "1", "--no-spl", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        String header = r.out().lines().filter(l -> l.startsWith("method")).findFirst().orElseThrow();
        assertThat(header).contains("expr|zn ", "id|zn ", "expr|znP", "id|znP");
        String baseline = r.out().lines().filter(l -> l.startsWith("baseline")).findFirst().orElseThrow();
        assertThat(baseline.split("\\s+")).hasSizeGreaterThanOrEqualTo(9).contains("-"); // no z_n, no znP
        assertThat(r.out()).contains("znP: z_n after INLP", "adversarial beta1=1 beta2=1: INLP removed",
                "reconstruction MSE");
        Map<String, Object> probes = read(out.resolve("adversarial-beta1-1-beta2-1/fold-0/probes.json"));
        for (String target : List.of("expression", "subject")) {
            Map<String, Object> byRep = map(probes.get(target));
            assertThat(List.copyOf(byRep.keySet())).as(target).containsExactly("z_e", "z_n", "z_n_inlp");
            assertThat(((Number) byRep.get("z_n_inlp")).doubleValue()).as(target).isBetween(0.0, 1.0);
        }
        assertThat(((Number) probes.get("inlpRank")).intValue()).isBetween(0, 16);
        assertThat((List<?>) probes.get("inlpHeldOut")).isNotEmpty();
        assertThat(((Number) probes.get("reconstruction")).doubleValue()).isPositive();
        assertThat(((Number) probes.get("reconstructionInlp")).doubleValue()).isPositive();
        Map<String, Object> noAdversary = read(out.resolve("adversarial-beta1-1-beta2-0/fold-0/probes.json"));
        assertThat(map(noAdversary.get("expression")).keySet()).contains("z_n_inlp");
        assertThat(noAdversary.get("reconstruction")).isNotNull();
        Map<String, Object> base = read(out.resolve("baseline/fold-0/probes.json"));
        assertThat(map(base.get("expression")).keySet()).containsExactly("features");
        assertThat(base.get("inlpRank")).isNull();
        Map<String, Object> ablation = read(out.resolve("ablation.json"));
        Map<String, Object> summary = map(map(((List<?>) ablation.get("variants")).get(2)).get("probes"));
        assertThat(map(summary.get("expression")).keySet()).contains("z_n_inlp");
        assertThat(summary).containsKeys("inlp_rank", "reconstruction");
    }

    static Map<String, Object> read(Path file) throws java.io.IOException {
        return map(new ObjectMapper().readValue(file.toFile(), Map.class));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void inlpIsRefusedWhereNoRowHasAZn() {
        CliTest.Run spndl = run("ablation", "--inlp", "--subjects", "4", "--folds", "2", "--out", dir.resolve("a").toString());
        assertThat(spndl.code()).as(spndl.out()).isEqualTo(2);
        assertThat(spndl.err()).contains("--inlp", "z_n").hasLineCount(1);
        CliTest.Run cv = run("cv", "--model", "baseline", "--inlp", "--subjects", "4", "--folds", "2", "--out",
                dir.resolve("b").toString());
        assertThat(cv.code()).isEqualTo(2);
        assertThat(cv.err()).contains("--inlp", "z_n");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
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
