package org.fer4j.vision.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fer4j.testing.CleanRefusals;
import org.fer4j.vision.tfjs.TfjsWeights;

/**
 * Fuzzes the TF.js weights reader (manifest JSON, quantisation, shards) under {@link CleanRefusals}.
 * An input is a manifest and the bytes of its one shard {@code shard1}, separated by the first zero
 * byte; the committed inputs ({@code TfjsManifestFuzzTestInputs/manifest/}) run in every build and
 * {@code scripts/fuzz.sh} fuzzes it.
 */
class TfjsManifestFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void manifest(byte[] data) throws IOException {
        int split = 0;
        while (split < data.length && data[split] != 0) {
            split++;
        }
        Path dir = Files.createTempDirectory("fuzz-tfjs");
        Path manifest = dir.resolve("model-weights_manifest.json");
        Path shard = dir.resolve("shard1");
        try {
            Files.write(manifest, Arrays.copyOf(data, split));
            Files.write(shard, split < data.length ? Arrays.copyOfRange(data, split + 1, data.length) : new byte[0]);
            CleanRefusals.expect(() -> TfjsWeights.read(manifest));
        } finally {
            Files.deleteIfExists(manifest);
            Files.deleteIfExists(shard);
            Files.deleteIfExists(dir);
        }
    }
}
