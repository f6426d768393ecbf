package org.fer4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageFiles;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.adapters.Manifest;
import org.fer4j.data.adapters.NpyArray;
import org.fer4j.models.weights.SafeTensors;
import org.fer4j.testing.CleanRefusals;

/**
 * Fuzz targets for every reader of user files: the image decode and crop path, the manifest CSV, the
 * {@code .npy} and the safetensors readers, each held to {@link CleanRefusals}. In every build the committed inputs ({@code ReadersFuzzTestInputs/<target>/}: valid
 * files and the regressions found) run as tests; {@code scripts/fuzz.sh} fuzzes each target.
 */
class ReadersFuzzTest {
    private static final Preprocessing CROP = new Preprocessing(32, 3, 0.1, new float[] {0.5f, 0.5f, 0.5f},
            new float[] {0.25f, 0.25f, 0.25f});

    @FuzzTest(maxDuration = "30s")
    void imageDecodeAndCrop(byte[] data) {
        CleanRefusals.expect(() -> {
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
            CleanRefusals.expect(() -> {
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
        CleanRefusals.expect(() -> NpyArray.parse(data, "fuzz.npy"));
    }

    @FuzzTest(maxDuration = "30s")
    void safeTensors(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".safetensors");
        try {
            Files.write(file, data);
            CleanRefusals.expect(() -> {
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
}
