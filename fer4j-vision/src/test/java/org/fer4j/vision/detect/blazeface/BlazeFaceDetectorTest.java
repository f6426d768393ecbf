package org.fer4j.vision.detect.blazeface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.ImageFiles;
import org.fer4j.vision.TestModels;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelCorruptException;
import org.fer4j.vision.store.ModelNotInstalledException;
import org.fer4j.vision.store.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BlazeFace's pieces (anchors, input, suppression) and its bad inputs. */
class BlazeFaceDetectorTest {
    @TempDir
    Path tmp;

    @Test
    void anchorsFollowTheShaderCellOrder() {
        float[] a = Anchors.centres(128, Anchors.FRONT_STRIDES);
        assertThat(a).hasSize(2 * BlazeFaceDetector.ANCHORS);
        // stride 8: 16x16 cells, 2 anchors each; stride 16: 8x8 cells, 6 anchors each.
        assertThat(new float[] {a[0], a[1], a[2], a[3]}).containsExactly(1 / 32f, 1 / 32f, 1 / 32f, 1 / 32f);
        assertThat(a[4]).isEqualTo(3 / 32f);
        assertThat(a[2 * 32]).isEqualTo(1 / 32f);
        assertThat(a[2 * 32 + 1]).isEqualTo(3 / 32f);
        assertThat(new float[] {a[2 * 512], a[2 * 512 + 1]}).containsExactly(1 / 16f, 1 / 16f);
        assertThat(a[2 * 518]).isEqualTo(3 / 16f);
        assertThat(a[2 * 895 + 1]).isEqualTo(15 / 16f);
    }

    @Test
    void inputAveragesFootprintsAndPadsBlack() {
        BufferedImage img = new BufferedImage(256, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(255, 0, 51));
        g.fillRect(0, 0, 256, 128);
        g.dispose();
        FloatBuffer buf = FloatBuffer.allocate(128 * 128 * 3);
        NetworkInput.fill(img, SquareView.whole(256, 128, 1), 128, buf);
        assertThat(buf.remaining()).isEqualTo(128 * 128 * 3);
        // The 256x128 photo is centred in a 256x256 square: rows 0-31 and 96-127 are padding.
        assertThat(buf.get(0)).isEqualTo(-1f);
        int mid = (64 * 128 + 10) * 3;
        assertThat(buf.get(mid)).isEqualTo(1f);
        assertThat(buf.get(mid + 1)).isEqualTo(-1f);
        assertThat(buf.get(mid + 2)).isCloseTo(51 / 127.5f - 1, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(buf.get((127 * 128 + 127) * 3)).isEqualTo(-1f);
    }

    @Test
    void directRasterReadsEqualGetRgb() {
        java.util.Random rnd = new java.util.Random(7);
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY}) {
            BufferedImage img = new BufferedImage(37, 23, type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    img.setRGB(x, y, rnd.nextInt(1 << 24));
                }
            }
            int[] fast = new int[30];
            int[] slow = new int[30];
            NetworkInput.Rows.of(img).read(11, 5, 30, fast);
            img.getRGB(5, 11, 30, 1, slow, 0, 30);
            for (int i = 0; i < 30; i++) {
                slow[i] &= 0xffffff;
            }
            assertThat(fast).as("type " + type).containsExactly(slow);
            BufferedImage sub = img.getSubimage(3, 2, 20, 15);
            NetworkInput.Rows.of(sub).read(4, 1, 10, fast);
            sub.getRGB(1, 4, 10, 1, slow, 0, 10);
            for (int i = 0; i < 10; i++) {
                assertThat(fast[i]).isEqualTo(slow[i] & 0xffffff);
            }
        }
    }

    @Test
    void weightedSuppressionAveragesOverlapsByScoreAndKeepsTheBestScore() {
        Candidate a = candidate(0.9, 0, 0, 10, 10);
        Candidate b = candidate(0.6, 1, 1, 11, 11);
        Candidate far = candidate(0.7, 50, 50, 60, 60);
        List<Candidate> out = Decoder.weightedNms(List.of(b, far, a), 0.3);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).score()).isEqualTo(0.9);
        assertThat(out.get(0).v()[0]).isCloseTo(0.6 / 1.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(out.get(1).v()[0]).isEqualTo(50);
    }

    private static Candidate candidate(double score, double x0, double y0, double x1, double y1) {
        double[] v = new double[Candidate.VALUES];
        v[0] = x0;
        v[1] = y0;
        v[2] = x1;
        v[3] = y1;
        return new Candidate(score, v);
    }

    @Test
    void tilesCoverThePhotoAndSplitFaceSizes() {
        List<SquareView> t = SquareView.tiles(1920, 1280, 3);
        assertThat(t).hasSize(3 * 2);
        assertThat(t.get(0).side()).isEqualTo(960);
        assertThat(t.get(2).x0() + t.get(2).side()).isEqualTo(1920);
        assertThat(t.get(5).y0() + t.get(5).side()).isEqualTo(1280);
        assertThat(SquareView.whole(1920, 1280, 3).minFace()).isLessThan(t.get(0).maxFace());
        assertThat(SquareView.tiles(100, 100, 1)).isEmpty();
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new BlazeFaceOptions(1, 0.3, 1, 0)).hasMessageContaining("score threshold");
        assertThatThrownBy(() -> new BlazeFaceOptions(0.5, 0, 1, 0)).hasMessageContaining("IoU");
        assertThatThrownBy(() -> new BlazeFaceOptions(0.5, 0.3, 9, 0)).hasMessageContaining("tiles");
        assertThatThrownBy(() -> new BlazeFaceOptions(0.5, 0.3, 1, -1)).hasMessageContaining("threads");
    }

    @Test
    void blankTinyGreyAndCmykLikeInputs() throws IOException {
        try (BlazeFaceDetector d = BlazeFaceDetector.load(TestModels.require(BlazeFaceDetector.ARTIFACT),
                BlazeFaceOptions.defaults().withIntraOpThreads(1))) {
            assertThat(d.name()).isEqualTo("blazeface");
            assertThat(d.detect(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB))).isEmpty();
            assertThat(d.detect(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB))).isEmpty();
            // A photo with faces, as colour and as grey: the grey copy finds faces too (same boxes roughly).
            byte[] jpg;
            try (var in = BlazeFaceEqualityTest.resource("sample3.jpg")) {
                jpg = in.readAllBytes();
            }
            BufferedImage colour = ImageFiles.decode(jpg, "sample3.jpg");
            BufferedImage grey = new BufferedImage(colour.getWidth(), colour.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = grey.createGraphics();
            g.drawImage(colour, 0, 0, null);
            g.dispose();
            List<DetectedFace> c = d.detect(colour);
            List<DetectedFace> gr = d.detect(grey);
            assertThat(c).hasSize(3);
            assertThat(gr).isNotEmpty();
            assertThat(BlazeFaceEqualityTest.iou(gr.get(0).box(), c.stream().max((a, b) -> Double.compare(
                    BlazeFaceEqualityTest.iou(a.box(), gr.get(0).box()), BlazeFaceEqualityTest.iou(b.box(), gr.get(0).box())))
                    .orElseThrow().box())).isGreaterThan(0.7);
            for (DetectedFace f : c) {
                assertThat(f.keypoints()).hasSize(6);
                // Right eye (viewer's left) left of the left eye; both inside the box.
                assertThat(f.keypoints().get(0).x()).isLessThan(f.keypoints().get(1).x());
                assertThat(f.keypoints().get(0).x()).isBetween(f.box().x(), f.box().x() + f.box().width());
            }
            assertThatThrownBy(() -> d.run(new byte[10])).hasMessageContaining("128x128x3");
            d.close();
            d.close();
            assertThatThrownBy(() -> d.detect(colour)).hasMessageContaining("closed");
        }
    }

    @Test
    void absentModelNamesTheInstallCommand() {
        ModelStore empty = new ModelStore(tmp.resolve("store"));
        assertThatThrownBy(() -> BlazeFaceDetector.load(empty, BlazeFaceOptions.defaults()))
                .isInstanceOf(ModelNotInstalledException.class)
                .hasMessageContaining("fer4j models install blazeface-front")
                .hasMessageContaining(BlazeFaceDetector.MODEL_FILE);
    }

    @Test
    void corruptModelIsRefusedByItsHashAndAGarbageFileByName() throws IOException {
        ModelStore store = new ModelStore(tmp.resolve("store"));
        Path dir = store.dir(ModelCatalog.builtIn().get(BlazeFaceDetector.ARTIFACT));
        Files.createDirectories(dir);
        Path onnx = dir.resolve(BlazeFaceDetector.MODEL_FILE);
        Files.write(onnx, "not an onnx file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path installed = TestModels.require(BlazeFaceDetector.ARTIFACT).dir(ModelCatalog.builtIn().get(BlazeFaceDetector.ARTIFACT));
        Files.copy(installed.resolve("LICENSE"), dir.resolve("LICENSE"));
        assertThatThrownBy(() -> BlazeFaceDetector.load(store, BlazeFaceOptions.defaults()))
                .isInstanceOf(ModelCorruptException.class)
                .hasMessageContaining(onnx.toString())
                .hasMessageContaining("d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51");
        assertThatThrownBy(() -> BlazeFaceDetector.load(onnx, BlazeFaceOptions.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(onnx.toString())
                .hasMessageContaining("not an ONNX model");
        // A truncated copy of the real file: refused by hash through the store, by ONNX Runtime directly.
        byte[] real = Files.readAllBytes(installed.resolve(BlazeFaceDetector.MODEL_FILE));
        Files.write(onnx, java.util.Arrays.copyOf(real, real.length / 2));
        assertThatThrownBy(() -> BlazeFaceDetector.load(onnx, BlazeFaceOptions.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(onnx.toString());
        assertThatThrownBy(() -> BlazeFaceDetector.load(tmp.resolve("none.onnx"), BlazeFaceOptions.defaults()))
                .hasMessageContaining("no such BlazeFace ONNX file");
    }
}
