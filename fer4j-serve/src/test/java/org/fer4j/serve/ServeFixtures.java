package org.fer4j.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.data.Emotion;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.vision.FixtureFaces;

/** Tiny models (width 1/8, 32 px) and photos of real fixture faces the Haar cascade finds. */
final class ServeFixtures {
    static final LabelSet LABELS = new LabelSet(List.of(Emotion.HAPPINESS, Emotion.SADNESS, Emotion.SURPRISE));

    private ServeFixtures() {
    }

    /** A freshly initialised model of {@code kind} saved into {@code dir}. */
    static Path model(Path dir, ModelKind kind, long seed) throws IOException {
        try (FerModel m = FerModel.create(new ModelSpec(kind, 0.125, Preprocessing.rgb(32), LABELS), seed)) {
            m.save(dir, Map.of("test", "serve"));
        }
        return dir;
    }

    /** Two faces side by side (Haar finds both). */
    static BufferedImage group() {
        return FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112});
    }

    /** One face (a neutral photo). */
    static BufferedImage single() {
        return FixtureFaces.frame(200, 160, new int[] {2, 50, 20, 112});
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IOException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
