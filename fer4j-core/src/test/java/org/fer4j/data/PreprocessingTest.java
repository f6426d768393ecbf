package org.fer4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void greyAlphaAndSixteenBitImagesBecomeNormalisedRgbTensors() {
        Preprocessing pre = Preprocessing.rgb(32);
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_RGB}) {
            BufferedImage img = new BufferedImage(60, 50, type);
            java.awt.Graphics2D g = img.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, 60, 50);
            g.dispose();
            float[] t = pre.apply(img, null);
            assertThat(t).hasSize(3 * 32 * 32);
            // white maps to (1 - mean) / std in every channel
            assertThat((double) t[0]).isCloseTo((1 - 0.485) / 0.229, org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void faceBoxCropsAroundTheFace() {
        BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(60, 60, 40, 40);
        g.dispose();
        Preprocessing pre = new Preprocessing(32, 1, 0, new float[] {0}, new float[] {1});
        float[] cropped = pre.apply(img, new FaceBox(60, 60, 40, 40));
        float[] whole = pre.apply(img, null);
        assertThat(cropped[16 * 32 + 16]).isGreaterThan(0.9f);
        assertThat(whole[5 * 32 + 5]).isLessThan(0.1f);
    }

    @Test
    void tinyAndHugeImagesAndBadSettingsAreRejected() {
        Preprocessing pre = Preprocessing.rgb(32);
        assertThatThrownBy(() -> pre.apply(new BufferedImage(10, 40, BufferedImage.TYPE_INT_RGB), null))
                .hasMessageContaining("too small");
        assertThatThrownBy(() -> Preprocessing.rgb(16)).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new Preprocessing(32, 2, 0, new float[2], new float[] {1, 1})).hasMessageContaining("channels");
    }
}
