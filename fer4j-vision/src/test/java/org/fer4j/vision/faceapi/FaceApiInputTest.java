package org.fer4j.vision.faceapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import org.fer4j.data.FaceBox;
import org.junit.jupiter.api.Test;

/** face-api's input path: crop, centred black padding to a square, TF bilinear resize to 112. */
class FaceApiInputTest {
    static byte[] fixture() throws Exception {
        try (InputStream in = FaceApiInputTest.class.getResourceAsStream("sample1-face.rgb")) {
            return in.readAllBytes();
        }
    }

    static BufferedImage image(byte[] rgb, int size, int scale) {
        BufferedImage img = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size * scale; y++) {
            for (int x = 0; x < size * scale; x++) {
                int i = ((y / scale) * size + x / scale) * 3;
                img.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        return img;
    }

    @Test
    void a112CropPassesUnchangedAndADoubledOneSamplesBackExactly() throws Exception {
        byte[] rgb = fixture();
        for (int scale : new int[] {1, 2}) {
            float[] in = FaceApiInput.of(image(rgb, 112, scale), null);
            assertThat(in).hasSize(rgb.length);
            for (int i = 0; i < rgb.length; i++) {
                assertThat(in[i]).isEqualTo(rgb[i] & 0xff);
            }
        }
    }

    @Test
    void theShorterSideIsPaddedWithBlackTheLargerHalfAfter() {
        BufferedImage img = new BufferedImage(112, 109, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 109; y++) {
            for (int x = 0; x < 112; x++) {
                img.setRGB(x, y, 0xffffff);
            }
        }
        float[] in = FaceApiInput.of(img, null);
        // 3 rows missing: round(1.5) = 2 appended, 1 prepended
        assertThat(in[0]).isZero();
        assertThat(in[(1 * 112) * 3]).isEqualTo(255f);
        assertThat(in[(109 * 112) * 3]).isEqualTo(255f);
        assertThat(in[(110 * 112) * 3]).isZero();
        assertThat(in[(111 * 112) * 3]).isZero();
    }

    @Test
    void boxesAreClampedAndOneOutsideTheImageIsAnError() {
        BufferedImage tiny = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(FaceApiInput.of(tiny, null)).hasSize(112 * 112 * 3);
        assertThat(FaceApiInput.of(tiny, new FaceBox(-5, -5, 20, 20))).hasSize(112 * 112 * 3);
        assertThatThrownBy(() -> FaceApiInput.of(tiny, new FaceBox(10, 10, 5, 5))).hasMessageContaining("outside");
    }
}
