package org.fer4j.training;

import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedBatch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.fer4j.data.FaceStore;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.AdversarialNetwork;
import org.fer4j.models.FerModel;

/**
 * Input and decoder reconstruction side by side ({@code reconstructions/fold-K-NN-<id>.png}) for a few
 * test faces of an adversarial model trained with β1 &gt; 0, so a report can show what D learned from
 * [z_e, z_n].
 */
public final class Reconstructions {
    private Reconstructions() {
    }

    /**
     * Writes up to {@code max} pairs for test samples spread evenly over {@code indices}.
     *
     * @return the files written
     */
    public static List<Path> write(Path dir, int fold, FerModel model, FaceStore store, int[] indices, int max)
            throws IOException {
        if (!(model.network() instanceof AdversarialNetwork net)) {
            throw new IllegalArgumentException("reconstructions need an adversarial model, got " + model.spec().kind());
        }
        int n = Math.min(max, indices.length);
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = indices[(int) ((long) i * indices.length / n)];
        }
        Files.createDirectories(dir);
        Preprocessing pre = store.preprocessing();
        PairedBatch batch = new BatchAssembler(store, false, null).assemble(chosen, null);
        List<Path> written = new ArrayList<>();
        try (NDManager sub = model.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(model.manager(), false);
            NDArray images = batch.toInputs(sub, false).get(0);
            NDList z = net.encode(ps, images, false);
            float[] rec = net.reconstruct(ps, z.get(0), z.get(1), false).toFloatArray();
            int per = pre.length();
            for (int i = 0; i < n; i++) {
                BufferedImage in = Thumbnails.toImage(Arrays.copyOfRange(batch.targets(), i * per, (i + 1) * per), pre);
                BufferedImage out = Thumbnails.toImage(Arrays.copyOfRange(rec, i * per, (i + 1) * per), pre);
                BufferedImage pair = new BufferedImage(2 * pre.size(), pre.size(), BufferedImage.TYPE_INT_RGB);
                pair.getGraphics().drawImage(in, 0, 0, null);
                pair.getGraphics().drawImage(out, pre.size(), 0, null);
                Path file = dir.resolve(String.format("fold-%d-%02d-%s.png", fold, i + 1,
                        store.sample(chosen[i]).id().replaceAll("[^A-Za-z0-9_.-]", "_")));
                ImageIO.write(pair, "png", file.toFile());
                written.add(file);
            }
        }
        return written;
    }
}
