package org.fer4j.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/** A tiny, trivially separable paired set for fast loop tests: each class draws a bar at its own height. */
public final class TinyFaces {
    private TinyFaces() {
    }

    public static Dataset dataset(int subjects, int perClass, long seed) {
        LabelSet labels = new LabelSet(List.of(Emotion.HAPPINESS, Emotion.SADNESS, Emotion.SURPRISE));
        Random rng = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            String subject = String.format("T%02d", s);
            Color skin = new Color(120 + rng.nextInt(100), 90 + rng.nextInt(80), 70 + rng.nextInt(60));
            ImageRef neutral = new ImageRef.MemoryImage(subject + "_neutral", draw(skin, -1, rng));
            for (int k = 0; k < labels.size(); k++) {
                for (int i = 0; i < perClass; i++) {
                    String id = subject + "_" + labels.get(k).canonicalName() + "_" + i;
                    samples.add(new Sample(id, new ImageRef.MemoryImage(id, draw(skin, k, rng)), labels.get(k), subject,
                            null, Split.UNSPECIFIED, neutral, null, null));
                }
            }
        }
        return new Dataset("tiny", labels, samples, List.of());
    }

    private static BufferedImage draw(Color skin, int cls, Random rng) {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(skin);
        g.fillRect(0, 0, 40, 40);
        if (cls >= 0) {
            g.setColor(Color.BLACK);
            g.fillRect(4 + rng.nextInt(3), 6 + cls * 11, 30, 5);
        }
        g.dispose();
        return img;
    }
}
