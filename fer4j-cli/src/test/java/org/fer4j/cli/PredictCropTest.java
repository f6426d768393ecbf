package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict} crops target and neutral by landmark boxes exactly as by the equivalent face boxes. */
class PredictCropTest {
    @TempDir
    Path dir;

    static Path noise(Path file, long seed) throws Exception {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(60, 50, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 60; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static Map<?, ?> probabilities(String out) throws Exception {
        List<?> rows = new ObjectMapper().readValue(out, List.class);
        return (Map<?, ?>) ((Map<?, ?>) rows.get(0)).get("probabilities");
    }

    @Test
    void landmarkBoxesCropLikeFaceBoxes() throws Exception {
        Path model = dir.resolve("m");
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.SPNDL, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), 3)) {
            m.save(model);
        }
        Path face = noise(dir.resolve("t.png"), 1);
        Path neutral = noise(dir.resolve("n.png"), 2);
        Path lm = Files.writeString(dir.resolve("t_landmarks.txt"), "   1.2000000e+01   1.0000000e+01\n 40 30\n 25 38\n");
        Path nlm = Files.writeString(dir.resolve("n_landmarks.txt"), "5 6\n30 35\n");
        CliTest.Run byLandmarks = CliTest.run("predict", "--model", model.toString(), "--image",
                face.toString(), "--neutral", neutral.toString(), "--landmarks", lm.toString(), "--neutral-landmarks",
                nlm.toString(), "--format", "json");
        assertThat(byLandmarks.code()).as(byLandmarks.err()).isZero();
        CliTest.Run byBoxes = CliTest.run("predict", "--model", model.toString(), "--image",
                face.toString(), "--neutral", neutral.toString(), "--face-box", "12,10,28,28", "--neutral-face-box", "5,6,25,29",
                "--format", "json");
        assertThat(probabilities(byLandmarks.out())).isEqualTo(probabilities(byBoxes.out()));
        CliTest.Run whole = CliTest.run("predict", "--model", model.toString(), "--image",
                face.toString(), "--neutral", neutral.toString(), "--format", "json");
        assertThat(probabilities(whole.out())).isNotEqualTo(probabilities(byBoxes.out()));

        CliTest.Run both = CliTest.run("predict", "--model", model.toString(), "--image",
                face.toString(), "--face-box", "1,1,20,20", "--landmarks", lm.toString());
        assertThat(both.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(both.err()).contains("not both");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "1 2 3\n");
        CliTest.Run broken = CliTest.run("predict", "--model", model.toString(), "--image",
                face.toString(), "--neutral", neutral.toString(), "--landmarks", bad.toString());
        assertThat(broken.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(broken.err()).contains("bad.txt").contains("expected two numbers");
    }
}
