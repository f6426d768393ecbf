package org.fer4j.data.adapters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.fer4j.data.LabelMap;
import org.fer4j.data.Sample;

/** Builds tiny dataset trees in the real layouts, for the adapter tests. */
final class Fixtures {
    static final int SIDE = 20;

    private Fixtures() {
    }

    /** A 20×20 noise image, written in the format the extension names (png, jpg/jpeg, tif/tiff, bmp). */
    static Path image(Path file, long seed) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = n.endsWith(".png") ? "png" : n.endsWith(".jpg") || n.endsWith(".jpeg") ? "jpg"
                : n.endsWith(".tif") || n.endsWith(".tiff") ? "tiff" : "bmp";
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    static Path text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Landmark file of {@code n} points "x y" in scientific notation, spanning [x0, x1] × [y0, y1]. */
    static Path landmarks(Path file, int n, double x0, double y0, double x1, double y1) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double t = n == 1 ? 0 : i / (double) (n - 1);
            double x = i == 0 ? x0 : i == n - 1 ? x1 : x0 + (x1 - x0) * Math.abs(Math.sin(i));
            double y = i == 0 ? y1 : i == n - 1 ? y0 : y0 + (y1 - y0) * t;
            sb.append(String.format(Locale.ROOT, "   %.7e   %.7e%n", x, y));
        }
        return text(file, sb.toString());
    }

    /** Samples by id. */
    static Map<String, Sample> byId(List<Sample> samples) {
        return samples.stream().collect(Collectors.toMap(Sample::id, s -> s, (a, b) -> a, TreeMap::new));
    }

    /** A label map as "code=name" rows ("code=-" for a dropped code). */
    static List<String> table(LabelMap map) {
        return map.entries().stream().map(e -> e.code() + "=" + (e.emotion() == null ? "-" : e.emotion().canonicalName()))
                .toList();
    }

    /** Reasons of skipped or excluded entries. */
    static List<String> reasons(List<org.fer4j.data.Skipped> entries) {
        return entries.stream().map(org.fer4j.data.Skipped::reason).toList();
    }
}
