package org.fer4j.vision.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.util.Float16;

/**
 * Reads TensorFlow.js weights (a {@code *-weights_manifest.json} or {@code model.json}'s
 * {@code weightsManifest}, plus its {@code .bin} shards) into float tensors in TF's own layout (filters
 * HWIO, depthwise filters H×W×C×multiplier), so the networks built on them can be checked against the
 * JavaScript originals. Stored float32, float16 and uint8/uint16-quantised values
 * ({@code value = q·scale + min}) are decoded; a shard that is shorter or longer than its manifest
 * says is an error naming it.
 */
public final class TfjsWeights {
    private final Map<String, Tensor> tensors;
    private final Path manifest;

    /** One decoded tensor, in TF layout, row-major. */
    public record Tensor(String name, int[] shape, float[] values) {
        public Tensor {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                        + " values, has " + values.length);
            }
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    private TfjsWeights(Path manifest, Map<String, Tensor> tensors) {
        this.manifest = manifest;
        this.tensors = tensors;
    }

    /** Reads a weights manifest and the shards it names (relative to the manifest's folder). */
    public static TfjsWeights read(Path manifestFile) throws IOException {
        JsonNode root = new ObjectMapper().readTree(manifestFile.toFile());
        if (root.has("weightsManifest")) {
            root = root.get("weightsManifest");
        }
        if (!root.isArray()) {
            throw new IOException(manifestFile + " is not a TF.js weights manifest (expected a list of groups)");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        Path dir = manifestFile.toAbsolutePath().getParent();
        for (JsonNode group : root) {
            ByteArrayOut bytes = new ByteArrayOut();
            List<String> paths = new ArrayList<>();
            for (JsonNode p : group.path("paths")) {
                Path shard = dir.resolve(p.asText());
                if (!Files.isRegularFile(shard)) {
                    throw new IOException(manifestFile + " names shard " + p.asText() + ", which is not in " + dir);
                }
                bytes.add(Files.readAllBytes(shard));
                paths.add(p.asText());
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes.toArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : group.path("weights")) {
                Tensor t = decode(w, buf, paths, manifestFile);
                if (out.put(t.name(), t) != null) {
                    throw new IOException(manifestFile + " lists tensor " + t.name() + " twice");
                }
            }
            if (buf.hasRemaining()) {
                throw new IOException("shards " + paths + " of " + manifestFile + " hold " + buf.remaining()
                        + " bytes more than the manifest's tensors");
            }
        }
        return new TfjsWeights(manifestFile, out);
    }

    private static Tensor decode(JsonNode w, ByteBuffer buf, List<String> paths, Path manifest) throws IOException {
        String name = w.path("name").asText();
        JsonNode dims = w.path("shape");
        if (!dims.isArray()) {
            throw new IOException(manifest + ": tensor " + name + " has shape " + dims + "; expected a list of sizes");
        }
        int[] shape = new int[dims.size()];
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!dims.get(i).canConvertToInt() || dims.get(i).asInt() < 0) {
                throw new IOException(manifest + ": tensor " + name + " has shape " + dims + "; sizes must be"
                        + " non-negative integers");
            }
            shape[i] = dims.get(i).asInt();
            try {
                n = Math.multiplyExact(n, shape[i]);
            } catch (ArithmeticException e) {
                throw new IOException(manifest + ": tensor " + name + " has shape " + dims + ", too large", e);
            }
        }
        String dtype = w.path("dtype").asText("float32");
        if (!dtype.equals("float32")) {
            throw new IOException(manifest + ": tensor " + name + " has dtype " + dtype + "; only float32 is read");
        }
        JsonNode q = w.path("quantization");
        String stored = q.isMissingNode() ? "float32" : q.path("dtype").asText();
        int width = switch (stored) {
            case "float32" -> 4;
            case "float16", "uint16" -> 2;
            case "uint8" -> 1;
            default -> throw new IOException(manifest + ": tensor " + name + " is stored as " + stored
                    + ", which fer4j does not decode");
        };
        long need = (long) n * width;
        if (buf.remaining() < need) {
            throw new IOException("shards " + paths + " of " + manifest + " are truncated: tensor " + name
                    + " needs " + need + " bytes at offset " + buf.position() + ", " + buf.remaining() + " left");
        }
        float[] v = new float[n];
        double scale = q.path("scale").asDouble(1);
        double min = q.path("min").asDouble(0);
        for (int i = 0; i < n; i++) {
            v[i] = switch (stored) {
                case "float32" -> buf.getFloat();
                case "float16" -> Float16.toFloat(buf.getShort());
                case "uint16" -> (float) ((buf.getShort() & 0xffff) * scale + min);
                default -> (float) ((buf.get() & 0xff) * scale + min);
            };
        }
        return new Tensor(name, shape, v);
    }

    /** The tensor of this name; a missing one is an error naming it and the manifest. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(manifest + " has no tensor " + name);
        }
        return t;
    }

    /** The tensor of this name after checking its TF-layout shape. */
    public Tensor get(String name, int... shape) {
        Tensor t = get(name);
        if (!Arrays.equals(t.shape, shape)) {
            throw new IllegalArgumentException(manifest + ": tensor " + name + " has shape "
                    + Arrays.toString(t.shape) + ", the network needs " + Arrays.toString(shape));
        }
        return t;
    }

    /** Every tensor name, in manifest order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    private static final class ByteArrayOut {
        private final List<byte[]> parts = new ArrayList<>();

        void add(byte[] b) {
            parts.add(b);
        }

        byte[] toArray() {
            int n = parts.stream().mapToInt(b -> b.length).sum();
            byte[] out = new byte[n];
            int off = 0;
            for (byte[] b : parts) {
                System.arraycopy(b, 0, out, off, b.length);
                off += b.length;
            }
            return out;
        }
    }
}
