package org.fer4j.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.fer4j.data.FaceStore;
import org.fer4j.data.Preprocessing;
import org.fer4j.evaluation.Predictions;

/**
 * Small PNGs of the faces a report shows (samples excluded at each pace — Fig. 8 — and the most
 * confident mistakes), rendered back from the preprocessed tensors so the run folder is self-contained.
 */
public final class Thumbnails {
    static final int MAX_PER_PACE = 16;

    private Thumbnails() {
    }

    /** {@code thumbnails/fold-K-pace-P-excluded-<id>.png} for up to 16 excluded samples. */
    public static void writeExcluded(Path dir, int fold, Pace pace, FaceStore store) throws IOException {
        Files.createDirectories(dir);
        int n = Math.min(MAX_PER_PACE, pace.excluded().length);
        for (int i = 0; i < n; i++) {
            int idx = pace.excluded()[i];
            write(dir.resolve("fold-" + fold + "-pace-" + pace.number() + "-excluded-" + safe(store.sample(idx).id())
                    + ".png"), store, idx);
        }
    }

    /** {@code thumbnails/fold-K-mistake-<rank>-<id>-<true>-as-<pred>.png}, most confident first. */
    public static void writeMistakes(Path dir, int fold, FaceStore store, Predictions p, int max) throws IOException {
        Files.createDirectories(dir);
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < p.indices().length; i++) {
            if (p.predicted(i) != p.labels()[i]) {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.comparingDouble(i -> -p.probabilities()[i][p.predicted(i)]));
        for (int r = 0; r < Math.min(max, wrong.size()); r++) {
            int i = wrong.get(r);
            int idx = p.indices()[i];
            write(dir.resolve(String.format("fold-%d-mistake-%02d-%s-%s-as-%s.png", fold, r + 1,
                    safe(store.sample(idx).id()), store.labels().get(p.labels()[i]).canonicalName(),
                    store.labels().get(p.predicted(i)).canonicalName())), store, idx);
        }
    }

    static void write(Path file, FaceStore store, int idx) throws IOException {
        Preprocessing pre = store.preprocessing();
        float[] t = new float[pre.length()];
        store.target(idx, t, 0);
        ImageIO.write(toImage(t, pre), "png", file.toFile());
    }

    /** Undoes the normalisation of one tensor. */
    public static BufferedImage toImage(float[] t, Preprocessing pre) {
        int s = pre.size();
        int plane = s * s;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < plane; i++) {
            int[] c = new int[3];
            for (int ch = 0; ch < 3; ch++) {
                int src = Math.min(ch, pre.channels() - 1);
                float v = t[src * plane + i] * pre.std()[src] + pre.mean()[src];
                c[ch] = Math.max(0, Math.min(255, Math.round(v * 255)));
            }
            img.setRGB(i % s, i / s, (c[0] << 16) | (c[1] << 8) | c[2]);
        }
        return img;
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
