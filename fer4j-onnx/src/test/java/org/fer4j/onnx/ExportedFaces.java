package org.fer4j.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.fer4j.batches.PairedBatch;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.testing.TinyFaces;

/** 64 synthetic faces (with their neutral references) preprocessed as a model's spec says. */
final class ExportedFaces {
    static final int COUNT = 64;

    private ExportedFaces() {
    }

    static List<Sample> samples() {
        return TinyFaces.dataset(4, 6, 5).samples().subList(0, COUNT); // 4 subjects x 3 classes x 6 = 72
    }

    static PairedBatch batch(Preprocessing pre) {
        List<Sample> samples = samples();
        int per = pre.length();
        float[] t = new float[COUNT * per];
        float[] n = new float[COUNT * per];
        try {
            for (int i = 0; i < COUNT; i++) {
                System.arraycopy(pre.load(samples.get(i).image(), null), 0, t, i * per, per);
                System.arraycopy(pre.load(samples.get(i).neutral(), null), 0, n, i * per, per);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PairedBatch(t, n, new int[COUNT], new int[COUNT], pre.channels(), pre.size());
    }
}
