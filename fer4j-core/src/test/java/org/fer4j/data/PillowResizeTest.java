package org.fer4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.fer4j.testing.TorchOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fer4j's crops equal Pillow's {@code convert → crop → resize(BILINEAR)} byte for byte, run against the real
 * Pillow of the PyTorch oracle's Python: downscaling by several factors, upscaling, identity, crops reaching
 * outside the image, grey and RGB sources, grey and RGB outputs.
 */
class PillowResizeTest {
    private static final String PILLOW = String.join("\n",
            "import sys",
            "from PIL import Image",
            "for line in open(sys.argv[1]):",
            "    src, mode, x0, y0, side, size, out = line.split()",
            "    x0, y0, side, size = int(x0), int(y0), int(side), int(size)",
            "    im = Image.open(src).convert(mode).crop((x0, y0, x0 + side, y0 + side))",
            "    im = im.resize((size, size), Image.BILINEAR)",
            "    b = im.tobytes() if mode == 'L' else b''.join(c.tobytes() for c in im.split())",
            "    open(out, 'wb').write(b)");

    private record Case(Path file, BufferedImage image, FaceBox box, int size, int channels) {
    }

    @Test
    void cropsEqualPillowsByteForByte(@TempDir Path dir) throws Exception {
        Random rng = new Random(7);
        BufferedImage rgb = photo(rng, 173, 121, BufferedImage.TYPE_INT_RGB);
        BufferedImage grey = photo(rng, 64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Path rgbFile = dir.resolve("rgb.png");
        Path greyFile = dir.resolve("grey.png");
        ImageIO.write(rgb, "png", rgbFile.toFile());
        ImageIO.write(grey, "png", greyFile.toFile());
        BufferedImage rgbRead = ImageIO.read(rgbFile.toFile());
        BufferedImage greyRead = ImageIO.read(greyFile.toFile());
        List<Case> cases = new ArrayList<>();
        for (int channels : new int[] {1, 3}) {
            for (int size : new int[] {32, 48, 64, 112}) {
                cases.add(new Case(rgbFile, rgbRead, null, size, channels));
                cases.add(new Case(greyFile, greyRead, null, size, channels));
                cases.add(new Case(rgbFile, rgbRead, new FaceBox(100, 3, 70, 60), size, channels)); // off the edges
                cases.add(new Case(rgbFile, rgbRead, new FaceBox(40, 30, 23, 27), size, channels));
            }
        }
        StringBuilder jobs = new StringBuilder();
        List<byte[]> ours = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Preprocessing pre = new Preprocessing(c.size, c.channels, 0.1, new float[c.channels], ones(c.channels));
            int[] sq = pre.square(c.image.getWidth(), c.image.getHeight(), c.box);
            ours.add(pre.pixels(c.image, c.box));
            jobs.append(c.file).append(' ').append(c.channels == 1 ? "L" : "RGB").append(' ').append(sq[0]).append(' ')
                    .append(sq[1]).append(' ').append(sq[2]).append(' ').append(c.size).append(' ')
                    .append(dir.resolve("out-" + i + ".raw")).append('\n');
        }
        Path list = dir.resolve("jobs.txt");
        Files.writeString(list, jobs);
        List<String> cmd = new ArrayList<>(TorchOracle.python());
        cmd.addAll(List.of("-c", PILLOW, list.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            byte[] pillow = Files.readAllBytes(dir.resolve("out-" + i + ".raw"));
            assertThat(ours.get(i)).as("%s box %s → %d px, %d channel(s)", c.file.getFileName(), c.box, c.size, c.channels)
                    .isEqualTo(pillow);
        }
    }

    @Test
    void downscalingAveragesInsteadOfSamplingSoAFineStripePatternBecomesGrey() {
        BufferedImage stripes = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                stripes.getRaster().setSample(x, y, 0, x % 2 == 0 ? 255 : 0);
            }
        }
        Preprocessing pre = new Preprocessing(32, 1, 0, new float[1], new float[] {1});
        byte[] px = pre.pixels(stripes, null);
        // A four-tap bilinear at scale 3 reads two neighbouring columns and keeps the stripes' contrast;
        // the widened triangle filter averages over about six and lands near mid-grey everywhere.
        for (int i = 32; i < px.length - 32; i++) {
            assertThat(px[i] & 0xff).isBetween(100, 155);
        }
    }

    private static float[] ones(int n) {
        float[] o = new float[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    @Test
    void everyPixelLayoutReadsTheSamePixels() {
        BufferedImage reference = photo(new Random(3), 90, 70, BufferedImage.TYPE_INT_RGB);
        java.util.Map<String, BufferedImage> layouts = new java.util.LinkedHashMap<>();
        for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_INT_BGR}) {
            BufferedImage copy = new BufferedImage(90, 70, type);
            copy.getGraphics().drawImage(reference, 0, 0, null);
            layouts.put("type " + type, copy);
        }
        BufferedImage wide = new BufferedImage(120, 90, BufferedImage.TYPE_3BYTE_BGR); // a sub-image: its raster is offset
        wide.getGraphics().drawImage(reference, 17, 11, null);
        layouts.put("sub-image", wide.getSubimage(17, 11, 90, 70));
        for (int channels : new int[] {1, 3}) {
            byte[] expected = PillowResize.cropResize(reference, -5, 8, 80, 48, channels);
            layouts.forEach((name, img) -> assertThat(PillowResize.cropResize(img, -5, 8, 80, 48, channels))
                    .as("%s, %d channels", name, channels).isEqualTo(expected));
        }
    }

    /** Smooth shapes plus per-pixel noise, so every filter tap matters. */
    private static BufferedImage photo(Random rng, int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(128 + 90 * Math.sin(x / 7.0) + rng.nextInt(41) - 20);
                int g = clamp(128 + 90 * Math.cos(y / 5.0) + rng.nextInt(41) - 20);
                int b = clamp((x * 255) / w + rng.nextInt(21) - 10);
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    img.getRaster().setSample(x, y, 0, (r + g + b) / 3);
                } else {
                    img.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
