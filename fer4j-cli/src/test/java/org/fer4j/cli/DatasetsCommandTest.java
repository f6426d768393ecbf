package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.fer4j.data.adapters.CkPlusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer4j datasets list|inspect} and how bad dataset input ends a command. */
class DatasetsCommandTest {
    @TempDir
    Path dir;

    @Test
    void inspectReportsCountsPairsAndEverythingLeftOut() throws Exception {
        Path root = CkPlusTest.tree(dir.resolve("CK+"));
        Path json = dir.resolve("report.json");
        CliTest.Run r = CliTest.run("datasets", "inspect", "--dataset", "ckplus", "--root", root.toString(), "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("samples 11, subjects 3, sequences 4, pairs 11")
                .containsPattern("disgust\\s+3\\n").containsPattern("happiness\\s+3\\n").containsPattern("surprise\\s+2\\n")
                .contains("left out by the protocol: 1").contains("skipped (problems): 4")
                .contains("67 landmark points, expected 68").contains("empty emotion file");
        JsonNode report = new ObjectMapper().readTree(json.toFile()).get("report");
        assertThat(report.get("samples").asInt()).isEqualTo(11);
        assertThat(report.get("pairs").asInt()).isEqualTo(11);

        CliTest.Run strict = CliTest.run("datasets", "inspect", "--dataset", "ckplus", "--root", root.toString(), "--strict");
        assertThat(strict.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(strict.err()).contains("S010_002_00000005_emotion.txt").contains("empty emotion file");
    }

    @Test
    void nothingUsableExitsNonZeroWithTheReasons() throws Exception {
        Path root = dir.resolve("unlabelled");
        Files.createDirectories(root.resolve("Emotion"));
        Files.createDirectories(root.resolve("Landmarks"));
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        Files.createDirectories(root.resolve("cohn-kanade-images/S001/001"));
        ImageIO.write(img, "png", root.resolve("cohn-kanade-images/S001/001/S001_001_00000001.png").toFile());
        CliTest.Run r = CliTest.run("datasets", "inspect", "--dataset", "ckplus", "--root", root.toString());
        assertThat(r.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(r.out()).contains("samples 0").contains("no emotion file");
        assertThat(r.err()).contains("no usable samples");
        CliTest.Run cv = CliTest.run("cv", "--dataset", "ckplus", "--root", root.toString(), "--epochs", "1", "--out", dir.resolve("run").toString());
        assertThat(cv.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(cv.err()).contains("no usable samples").contains("no emotion file");
        CliTest.Run wrong = CliTest.run("datasets", "inspect", "--dataset", "rafdb", "--root", dir.resolve("missing").toString());
        assertThat(wrong.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(wrong.err()).contains("no such folder").contains("list_patition_label.txt");
        CliTest.Run unknown = CliTest.run("datasets", "inspect", "--dataset", "mnist", "--root", root.toString());
        assertThat(unknown.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown dataset 'mnist'");
    }

    @Test
    void decodeReportsUnreadableImages() throws Exception {
        Path root = dir.resolve("m");
        Files.createDirectories(root);
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "png", root.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "png", root.resolve("c.png").toFile());
        Files.writeString(root.resolve("b.png"), "not a png");
        Files.writeString(root.resolve("manifest.csv"), "path,label\na.png,happy\nb.png,sad\nc.png,sad\n");
        CliTest.Run plain = CliTest.run("datasets", "inspect", "--dataset", "manifest", "--root", root.toString());
        assertThat(plain.out()).contains("samples 3");
        CliTest.Run decoded = CliTest.run("datasets", "inspect", "--dataset", "manifest", "--root", root.toString(), "--decode");
        assertThat(decoded.code()).as(decoded.err()).isZero();
        assertThat(decoded.out()).contains("samples 2").contains("unreadable image").contains("b.png");
        CliTest.Run strict = CliTest.run("datasets", "inspect", "--dataset", "manifest", "--root", root.toString(), "--decode", "--strict");
        assertThat(strict.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(strict.err()).contains("b.png");
    }

    /** A dataset with an official split is evaluated on its test split, validation taken from training. */
    @Test
    void officialSplitIsTheDefaultProtocolWhereADatasetHasOne() throws Exception {
        Path root = dir.resolve("kaggle");
        java.util.Random rng = new java.util.Random(1);
        for (String split : new String[] {"train", "test"}) {
            for (String label : new String[] {"happy", "sad"}) {
                for (int i = 0; i < (split.equals("train") ? 5 : 2); i++) {
                    BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
                    img.setRGB(rng.nextInt(20), rng.nextInt(20), 0xffffff);
                    Files.createDirectories(root.resolve(split).resolve(label));
                    ImageIO.write(img, "png", root.resolve(split).resolve(label).resolve(i + ".png").toFile());
                }
            }
        }
        Path run = dir.resolve("run");
        CliTest.Run cv = CliTest.run("cv", "--dataset", "folder", "--root", root.toString(), "--model", "baseline", "--no-spl",
                "--epochs", "1", "--batch-size", "4", "--image-size", "32", "--width", "0.0625", "--val-fraction", "0.2",
                "--no-progress", "--out", run.toString());
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cv.out()).contains("official split, 1 fold(s)");
        JsonNode folds = new ObjectMapper().readTree(run.resolve("folds.json").toFile());
        assertThat(folds).hasSize(1);
        java.util.List<String> test = new java.util.ArrayList<>();
        folds.get(0).get("test").forEach(n -> test.add(n.asText()));
        assertThat(test).containsExactlyInAnyOrder("test/happy/0", "test/happy/1", "test/sad/0", "test/sad/1");
        assertThat(folds.get(0).get("validation")).hasSize(2);
        assertThat(folds.get(0).get("train")).hasSize(8);
        folds.get(0).get("validation").forEach(n -> assertThat(n.asText()).startsWith("train/"));
        assertThat(new ObjectMapper().readTree(run.resolve("config.json").toFile()).get("protocol").asText()).isEqualTo("split");
    }

    @Test
    void listNamesEveryLayoutWithItsCodes() {
        CliTest.Run r = CliTest.run("datasets", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ckplus", "oulu", "rafdb", "affectnet8", "fer2013", "jaffe", "folder", "manifest",
                "list_patition_label.txt").containsPattern("10\\s+\\(dropped: no face\\)");
    }
}
