package org.fer4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding that is right, not just non-crashing: the files a hostile or careless user hands in. */
class ImageFilesTest {
    @TempDir
    Path dir;

    /**
     * A skin tone as CMYK ink in Adobe's convention (inverted values, APP14 marker with transform 0),
     * as Photoshop writes it: the JDK's reader ignores the ink and gives (238, 206, 191).
     */
    @Test
    void cmykJpegDecodesToItsColour() throws IOException {
        Path file = Files.write(dir.resolve("cmyk.jpg"), org.fer4j.testing.HostileFiles.cmykJpeg());

        int rgb = ImageFiles.read(file).getRGB(20, 20);
        assertThat(new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff}).satisfies(c -> {
            assertThat(c[0]).isBetween(208, 228);
            assertThat(c[1]).isBetween(148, 168);
            assertThat(c[2]).isBetween(123, 143);
        });
    }

    @Test
    void translucentPixelsAreCompositedOntoWhiteNotBlack() throws IOException {
        BufferedImage argb = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(new Color(0, 0, 0, 0));
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        Path file = dir.resolve("transparent.png");
        ImageIO.write(argb, "png", file.toFile());
        Preprocessing grey = new Preprocessing(32, 1, 0, new float[] {0}, new float[] {1});
        float[] t = grey.load(ImageRef.of(file), null);
        assertThat(t[16 * 32 + 16]).as("a fully transparent pixel is the white background").isEqualTo(1f);
    }

    @Test
    void sixteenBitAndPaletteAndFirstGifFrameDecodeToTheirGreyLevels() throws IOException {
        BufferedImage g16 = new BufferedImage(40, 40, BufferedImage.TYPE_USHORT_GRAY);
        short[] v = new short[40 * 40];
        Arrays.fill(v, (short) (0.5 * 65535));
        g16.getRaster().setDataElements(0, 0, 40, 40, v);
        Path p16 = dir.resolve("sixteen.png");
        ImageIO.write(g16, "png", p16.toFile());

        BufferedImage palette = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = palette.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        Path pal = dir.resolve("palette.png");
        ImageIO.write(palette, "png", pal.toFile());

        Path gif = dir.resolve("animated.gif");
        writeAnimatedGif(gif, Color.WHITE, Color.BLACK);

        Preprocessing grey = new Preprocessing(32, 1, 0, new float[] {0}, new float[] {1});
        assertThat((double) grey.load(ImageRef.of(p16), null)[500]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
        assertThat(grey.load(ImageRef.of(pal), null)[500]).isEqualTo(1f);
        assertThat(grey.load(ImageRef.of(gif), null)[500]).as("the first frame, white").isEqualTo(1f);
    }

    @Test
    void aHugeDeclaredSizeIsRefusedFromTheHeaderBeforeDecoding() throws IOException {
        Path huge = dir.resolve("huge.png");
        Files.write(huge, org.fer4j.testing.HostileFiles.pngHeaderOnly(20_000, 20_000));
        long before = usedHeap();
        assertThatThrownBy(() -> ImageFiles.read(huge)).hasMessageContaining(huge.toString())
                .hasMessageContaining("20000x20000").hasMessageContaining("larger than the limit");
        assertThat(usedHeap() - before).as("nothing decoded").isLessThan(200L << 20);
    }

    @Test
    void truncatedEmptyMislabelledAndFolderInputsNameTheFileAndTheProblem() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(5, 5, 50, 50);
        g.dispose();
        Path jpg = dir.resolve("whole.jpg");
        ImageIO.write(img, "jpg", jpg.toFile());
        byte[] bytes = Files.readAllBytes(jpg);
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Path png = dir.resolve("whole.png");
        ImageIO.write(img, "png", png.toFile());
        byte[] pngBytes = Files.readAllBytes(png);
        Path cutPng = dir.resolve("cut.png");
        Files.write(cutPng, Arrays.copyOf(pngBytes, pngBytes.length / 2));
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path text = Files.writeString(dir.resolve("notes.png"), "these are my notes, not a picture\n");
        Path folder = Files.createDirectories(dir.resolve("folder.png"));

        assertThat(ImageFiles.read(jpg).getWidth()).isEqualTo(64);
        assertThatThrownBy(() -> ImageFiles.read(cut)).hasMessageStartingWith(cut.toString()).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ImageFiles.read(cutPng)).hasMessageStartingWith(cutPng.toString());
        assertThatThrownBy(() -> ImageFiles.read(empty)).hasMessage(empty + ": empty file (0 bytes), not an image");
        assertThatThrownBy(() -> ImageFiles.read(text)).hasMessageStartingWith(text + ": not an image fer4j can decode")
                .hasMessageContaining("74 68 65 73");
        assertThatThrownBy(() -> ImageFiles.read(folder)).hasMessage(folder + ": is a folder, not an image file");
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("gone.png"))).hasMessageEndingWith("image file not found");
    }

    @Test
    void aFaceBoxMostlyOutsideTheImageIsAnError() {
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        Preprocessing pre = Preprocessing.rgb(32);
        assertThatThrownBy(() -> pre.apply(img, new FaceBox(1000, 1000, 10, 10)))
                .hasMessageContaining("lies outside the 48x48 image");
        assertThatThrownBy(() -> pre.apply(img, new FaceBox(40, 40, 20, 20))).hasMessageContaining("mostly outside");
        assertThat(pre.apply(img, new FaceBox(30, 30, 20, 20))).hasSize(3 * 32 * 32); // 81 % inside: fine
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void writeAnimatedGif(Path file, Color first, Color second) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            for (Color c : new Color[] {first, second}) {
                BufferedImage frame = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_INDEXED);
                Graphics2D g = frame.createGraphics();
                g.setColor(c);
                g.fillRect(0, 0, 40, 40);
                g.dispose();
                IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(meta.getNativeMetadataFormatName());
                meta.setFromTree(meta.getNativeMetadataFormatName(), root);
                w.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
    }
}
