package org.fer4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageFiles;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.adapters.Manifest;
import org.fer4j.data.adapters.NpyArray;
import org.fer4j.models.weights.SafeTensors;

/**
 * Fuzz targets for every reader of user files: the image decode and crop path, the manifest CSV, the
 * {@code .npy} and the safetensors readers. A reader may refuse its input only with an
 * {@link IOException} or {@link IllegalArgumentException} naming it; anything else (a
 * NullPointerException, an index out of bounds, an OutOfMemoryError from a size read off the file) is
 * a finding. In every build the committed inputs ({@code ReadersFuzzTestInputs/<target>/}: valid
 * files and the regressions found) run as tests; {@code scripts/fuzz.sh} fuzzes each target.
 */
class ReadersFuzzTest {
    private static final Preprocessing CROP = new Preprocessing(32, 3, 0.1, new float[] {0.5f, 0.5f, 0.5f},
            new float[] {0.25f, 0.25f, 0.25f});

    @FuzzTest(maxDuration = "30s")
    void imageDecodeAndCrop(byte[] data) {
        expectOnlyCleanRefusals(() -> {
            BufferedImage img = ImageFiles.decode(data, "fuzz.img");
            float[] t = CROP.apply(img, null);
            if (t.length != 3 * 32 * 32) {
                throw new AssertionError("crop of " + t.length + " values");
            }
            CROP.apply(img, new FaceBox(1, 1, Math.max(1, img.getWidth() - 2), Math.max(1, img.getHeight() - 2)));
        });
    }

    @FuzzTest(maxDuration = "30s")
    void manifestCsv(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-manifest");
        Path csv = dir.resolve("manifest.csv");
        try {
            Files.write(csv, data);
            expectOnlyCleanRefusals(() -> {
                Manifest.readFaces(csv);
                new Manifest().list(csv, false);
            });
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(dir);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void npyArray(byte[] data) {
        expectOnlyCleanRefusals(() -> NpyArray.parse(data, "fuzz.npy"));
    }

    @FuzzTest(maxDuration = "30s")
    void safeTensors(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".safetensors");
        try {
            Files.write(file, data);
            expectOnlyCleanRefusals(() -> {
                try (SafeTensors st = SafeTensors.open(file)) {
                    for (String name : st.tensors().keySet()) {
                        st.readFloats(name);
                    }
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    interface Reader {
        void read() throws Exception;
    }

    /** Runs {@code r}; a refusal by IOException or IllegalArgumentException with a message is fine. */
    static void expectOnlyCleanRefusals(Reader r) {
        try {
            r.read();
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a refusal without a message", e);
            }
        } catch (Exception e) {
            throw new AssertionError("reader failed with " + e, e);
        }
    }
}
