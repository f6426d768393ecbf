package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.fer4j.vision.TestModels;
import org.fer4j.vision.faceapi.FaceExpressionModel;
import org.fer4j.vision.store.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer4j predict --model faceapi-expression}: no training, and no download at prediction time. */
class PredictFaceApiTest {
    @TempDir
    Path dir;

    static final String RES = "/org/fer4j/vision/faceapi/";

    @Test
    void predictsAPngLikeTheOriginalWithFer4jsLabelNames() throws Exception {
        TestModels.require(FaceExpressionModel.ARTIFACT);
        byte[] rgb;
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream(RES + "sample3-face.rgb");
             InputStream r = getClass().getResourceAsStream(RES + "expression-reference.json")) {
            rgb = in.readAllBytes();
            ref = new ObjectMapper().readTree(r);
        }
        BufferedImage img = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 112 * 112; i++) {
            img.setRGB(i % 112, i / 112, (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff));
        }
        Path png = dir.resolve("face.png");
        ImageIO.write(img, "png", png.toFile());
        CliTest.Run r = CliTest.run("predict", "--model", "faceapi-expression", "--image", png.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode row = new ObjectMapper().readTree(r.out()).get(0);
        assertThat(row.get("label").asText()).isEqualTo("happiness");
        JsonNode want = null;
        for (JsonNode f : ref.path("faces")) {
            if (f.path("file").asText().equals("sample3-face.rgb")) {
                want = f.path("probabilities");
            }
        }
        String[] names = {"neutral", "happiness", "sadness", "anger", "fear", "disgust", "surprise"};
        for (int k = 0; k < names.length; k++) {
            assertThat(row.get("probabilities").get(names[k]).asDouble())
                    .isCloseTo(want.get(k).asDouble(), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    static BufferedImage crop(String name) throws Exception {
        byte[] rgb;
        try (InputStream in = PredictFaceApiTest.class.getResourceAsStream(RES + name)) {
            rgb = in.readAllBytes();
        }
        BufferedImage img = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 112 * 112; i++) {
            img.setRGB(i % 112, i / 112, (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff));
        }
        return img;
    }

    @Test
    void evaluatesOnAFolderDatasetScoringOnlySharedClasses() throws Exception {
        TestModels.require(FaceExpressionModel.ARTIFACT);
        Path root = dir.resolve("faces");
        // The original's top classes on these crops: sample1 happy, sample2 sad, sample3 happy.
        java.nio.file.Files.createDirectories(root.resolve("happiness"));
        java.nio.file.Files.createDirectories(root.resolve("sadness"));
        java.nio.file.Files.createDirectories(root.resolve("contempt"));
        ImageIO.write(crop("sample1-face.rgb"), "png", root.resolve("happiness/a.png").toFile());
        ImageIO.write(crop("sample3-face.rgb"), "png", root.resolve("happiness/b.png").toFile());
        ImageIO.write(crop("sample2-face.rgb"), "png", root.resolve("sadness/c.png").toFile());
        ImageIO.write(crop("sample2-face.rgb"), "png", root.resolve("happiness/wrong.png").toFile());
        ImageIO.write(crop("sample1-face.rgb"), "png", root.resolve("contempt/d.png").toFile());
        CliTest.Run r = CliTest.run("evaluate", "--model", "faceapi-expression", "--dataset", "folder", "--root", root.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 samples scored, 1 left out");
        assertThat(r.err()).contains("face-api has no class contempt");
        assertThat(r.out()).containsPattern("accuracy\\s+0?\\.?75");
    }

    @Test
    void anEmptyStoreFailsNamingTheInstallCommand() throws Exception {
        String before = System.getProperty(ModelStore.PROPERTY);
        System.setProperty(ModelStore.PROPERTY, dir.resolve("empty-store").toString());
        try {
            Path png = dir.resolve("x.png");
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
            CliTest.Run r = CliTest.run("predict", "--model", "faceapi-expression", "--image", png.toString());
            assertThat(r.code()).isEqualTo(Fer4j.BAD_INPUT);
            assertThat(r.err()).contains("not installed").contains("fer4j models install faceapi-expression");
            assertThat(dir.resolve("empty-store")).doesNotExist();
        } finally {
            if (before == null) {
                System.clearProperty(ModelStore.PROPERTY);
            } else {
                System.setProperty(ModelStore.PROPERTY, before);
            }
        }
    }
}
