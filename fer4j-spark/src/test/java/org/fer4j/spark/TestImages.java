package org.fer4j.spark;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fer4j.data.Emotion;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;

/** Image folders and small untrained models for the tests: random blobs, enough to give every image its own probabilities. */
public final class TestImages {
    public static final LabelSet LABELS = new LabelSet(List.of(Emotion.HAPPINESS, Emotion.SADNESS, Emotion.SURPRISE));

    private TestImages() {
    }

    /** {@code n} PNG faces of 40 px named {@code img-000.png}…, deterministic in {@code seed}. */
    public static List<Path> write(Path dir, int n, long seed) throws IOException {
        Files.createDirectories(dir);
        Random rng = new Random(seed);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)));
            g.fillRect(0, 0, 40, 40);
            g.setColor(new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)));
            g.fillOval(rng.nextInt(20), rng.nextInt(20), 10 + rng.nextInt(20), 10 + rng.nextInt(20));
            g.dispose();
            Path p = dir.resolve(String.format("img-%03d.png", i));
            ImageIO.write(img, "png", p.toFile());
            out.add(p);
        }
        return out;
    }

    /** A freshly initialised model of {@code kind} (width 1/8, 32 px) saved into {@code dir}. */
    public static Path model(Path dir, ModelKind kind, long seed) throws IOException {
        ModelSpec spec = new ModelSpec(kind, 0.125, Preprocessing.rgb(32), LABELS);
        try (FerModel m = FerModel.create(spec, seed)) {
            m.save(dir, Map.of());
        }
        return dir;
    }
}
