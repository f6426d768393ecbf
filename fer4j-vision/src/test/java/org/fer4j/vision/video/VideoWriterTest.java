package org.fer4j.vision.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Colours survive an encode and decode whatever the frame's image type (an int-packed RGB frame once came back pink). */
class VideoWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB})
    void coloursComeBackAsTheyWereWritten(int type) throws Exception {
        Color[] patches = {new Color(0x70, 0x70, 0x70), new Color(200, 40, 40), new Color(40, 180, 60), new Color(50, 60, 210)};
        BufferedImage frame = new BufferedImage(128, 32, type);
        Graphics2D g = frame.createGraphics();
        for (int i = 0; i < patches.length; i++) {
            g.setColor(patches[i]);
            g.fillRect(i * 32, 0, 32, 32);
        }
        g.dispose();
        Path file = dir.resolve("colours-" + type + ".mp4");
        try (VideoWriter w = VideoWriter.open(file, 128, 32, 5)) {
            for (int i = 0; i < 3; i++) {
                w.write(frame);
            }
        }
        try (VideoSource source = VideoSource.open(file)) {
            BufferedImage back = source.next().image();
            for (int i = 0; i < patches.length; i++) {
                Color c = new Color(back.getRGB(i * 32 + 16, 16));
                assertThat(Math.abs(c.getRed() - patches[i].getRed())).as("patch %d red", i).isLessThan(16);
                assertThat(Math.abs(c.getGreen() - patches[i].getGreen())).as("patch %d green", i).isLessThan(16);
                assertThat(Math.abs(c.getBlue() - patches[i].getBlue())).as("patch %d blue", i).isLessThan(16);
            }
        }
    }
}
