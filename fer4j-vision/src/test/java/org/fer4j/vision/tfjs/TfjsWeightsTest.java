package org.fer4j.vision.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding TF.js manifests: float32, uint8-quantised and float16 tensors, and every damaged case. */
class TfjsWeightsTest {
    static final String MANIFEST = """
            [{"paths": ["a.bin", "b.bin"], "weights": [
              {"name": "f", "shape": [2], "dtype": "float32"},
              {"name": "q", "shape": [1, 3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
              {"name": "h", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}}]}]
            """;

    @TempDir
    Path dir;

    Path write(byte[] a, byte[] b) throws IOException {
        Files.writeString(dir.resolve("m.json"), MANIFEST);
        Files.write(dir.resolve("a.bin"), a);
        Files.write(dir.resolve("b.bin"), b);
        return dir.resolve("m.json");
    }

    static byte[] shards() {
        ByteBuffer bb = ByteBuffer.allocate(8 + 3 + 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.putFloat(1.5f).putFloat(-2f);
        bb.put((byte) 0).put((byte) 2).put((byte) 255);
        bb.putShort((short) 0x3c00).putShort((short) 0xc500); // 1.0, -5.0
        return bb.array();
    }

    @Test
    void decodesEveryStoredTypeAcrossShards() throws IOException {
        byte[] all = shards();
        TfjsWeights w = TfjsWeights.read(write(java.util.Arrays.copyOf(all, 5), java.util.Arrays.copyOfRange(all, 5, all.length)));
        assertThat(w.names()).containsExactly("f", "q", "h");
        assertThat(w.get("f").values()).containsExactly(1.5f, -2f);
        assertThat(w.get("q", 1, 3).values()).containsExactly(-1f, 0f, 126.5f);
        assertThat(w.get("h").values()).containsExactly(1f, -5f);
        assertThat(org.fer4j.util.Float16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(org.fer4j.util.Float16.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void truncatedShardIsAnErrorNamingIt() throws IOException {
        byte[] all = shards();
        Path m = write(java.util.Arrays.copyOf(all, 5), java.util.Arrays.copyOfRange(all, 5, all.length - 1));
        assertThatThrownBy(() -> TfjsWeights.read(m)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated").hasMessageContaining("b.bin").hasMessageContaining("tensor h");
    }

    @Test
    void extraBytesMissingShardsAndMissingTensorsAreErrors() throws IOException {
        byte[] all = shards();
        Path m = write(all, new byte[] {1});
        assertThatThrownBy(() -> TfjsWeights.read(m)).hasMessageContaining("1 bytes more");
        Files.delete(dir.resolve("b.bin"));
        assertThatThrownBy(() -> TfjsWeights.read(m)).hasMessageContaining("names shard b.bin");
        TfjsWeights w = TfjsWeights.read(write(all, new byte[0]));
        assertThatThrownBy(() -> w.get("dense0/conv0/filters")).hasMessageContaining("has no tensor dense0/conv0/filters");
        assertThatThrownBy(() -> w.get("f", 3)).hasMessageContaining("has shape [2], the network needs [3]");
    }
}
