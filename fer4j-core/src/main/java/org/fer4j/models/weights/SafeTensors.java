package org.fer4j.models.weights;

import org.fer4j.util.Float16;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the safetensors format: an unsigned 64-bit little-endian header length N, N bytes of UTF-8
 * JSON mapping each tensor name to {@code {dtype, shape, data_offsets: [begin, end]}} (offsets into
 * the data that follows; an optional {@code __metadata__} object of strings), then the raw
 * little-endian, row-major values. Every number in the header is checked against the file before it
 * is used; tensors are read one at a time, so memory holds one tensor, never the file.
 */
public final class SafeTensors implements AutoCloseable {
    /** The largest header accepted (the reference implementation's limit). */
    public static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Element types of the format and their sizes in bytes. */
    public enum DType {
        BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4),
        F64(8), I64(8), U64(8);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }

        static DType parse(String s) {
            for (DType d : values()) {
                if (d.name().equals(s)) {
                    return d;
                }
            }
            return null;
        }
    }

    /**
     * One tensor's header entry.
     *
     * @param dtype the dtype as written ({@link #type()} is null for one this reader does not know)
     * @param begin first byte in the data section
     * @param end   one past the last byte
     */
    public record TensorInfo(String name, String dtype, long[] shape, long begin, long end) {
        public DType type() {
            return DType.parse(dtype);
        }

        public long elements() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        /** Shape as {@code 64x3x7x7} ({@code scalar} for rank 0). */
        public String shapeString() {
            return SafeTensors.shapeString(shape);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafeTensors(Path file, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
                        Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Opens and checks {@code file}.
     *
     * @throws IOException naming the file and the first problem (truncated, bad header, offsets out of range, …)
     */
    public static SafeTensors open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": safetensors file not found");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw bad(file, "only " + size + " bytes; a safetensors file starts with an 8-byte header length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long n = len.flip().getLong();
            if (n < 2 || n > MAX_HEADER || n > size - 8) {
                throw bad(file, "header length " + Long.toUnsignedString(n) + " does not fit a file of " + size
                        + " bytes (is this a safetensors file? PyTorch's .pt/.pth files must be converted first)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8);
            String json = new String(header.array(), StandardCharsets.UTF_8);
            if (!json.startsWith("{")) {
                throw bad(file, "the header does not start with '{'");
            }
            JsonNode root;
            try {
                root = JSON.readTree(json);
            } catch (IOException e) {
                throw bad(file, "the header is not valid JSON (" + org.fer4j.util.JsonErrors.describe(e) + ")");
            }
            if (root == null || !root.isObject()) {
                throw bad(file, "the header is not a JSON object");
            }
            long dataLength = size - 8 - n;
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    if (!e.getValue().isObject()) {
                        throw bad(file, "__metadata__ must be an object of strings");
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> m = e.getValue().fields(); m.hasNext(); ) {
                        Map.Entry<String, JsonNode> kv = m.next();
                        if (!kv.getValue().isTextual()) {
                            throw bad(file, "__metadata__ value of '" + kv.getKey() + "' is not a string");
                        }
                        metadata.put(kv.getKey(), kv.getValue().asText());
                    }
                    continue;
                }
                tensors.put(e.getKey(), entry(file, e.getKey(), e.getValue(), dataLength));
            }
            checkDisjoint(file, tensors.values());
            return new SafeTensors(file, ch, 8 + n, Collections.unmodifiableMap(tensors),
                    Collections.unmodifiableMap(metadata));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static TensorInfo entry(Path file, String name, JsonNode v, long dataLength) throws IOException {
        JsonNode dtype = v.get("dtype");
        JsonNode shape = v.get("shape");
        JsonNode offsets = v.get("data_offsets");
        if (!v.isObject() || dtype == null || !dtype.isTextual() || shape == null || !shape.isArray()
                || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw bad(file, "tensor '" + name + "' needs dtype (string), shape (array) and data_offsets ([begin, end])");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!shape.get(i).canConvertToLong() || !shape.get(i).isIntegralNumber() || shape.get(i).asLong() < 0) {
                throw bad(file, "tensor '" + name + "' has an invalid shape " + shape);
            }
            dims[i] = shape.get(i).asLong();
        }
        for (JsonNode o : offsets) {
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.asLong() < 0) {
                throw bad(file, "tensor '" + name + "' has invalid data_offsets " + offsets);
            }
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin > end || end > dataLength) {
            throw bad(file, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] outside the "
                    + dataLength + " data bytes (truncated file?)");
        }
        TensorInfo info = new TensorInfo(name, dtype.asText(), dims, begin, end);
        DType t = info.type();
        if (t != null) {
            long expected;
            try {
                expected = Math.multiplyExact(info.elements(), t.bytes());
            } catch (ArithmeticException e) {
                throw bad(file, "tensor '" + name + "' has an impossibly large shape " + shape);
            }
            if (end - begin != expected) {
                throw bad(file, "tensor '" + name + "' (" + t + " " + info.shapeString() + ") needs " + expected
                        + " bytes but its data_offsets span " + (end - begin));
            }
        }
        return info;
    }

    private static void checkDisjoint(Path file, java.util.Collection<TensorInfo> infos) throws IOException {
        List<TensorInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo a = sorted.get(i - 1);
            TensorInfo b = sorted.get(i);
            if (b.begin() < a.end()) {
                throw bad(file, "tensors '" + a.name() + "' and '" + b.name() + "' overlap in the data section");
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Tensors in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} strings (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Reads a floating-point tensor (F32, F16, BF16 or F64) as float32 values, row-major. */
    public float[] readFloats(String name) throws IOException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException(file + ": no tensor named '" + name + "'");
        }
        DType t = info.type();
        if (t != DType.F32 && t != DType.F16 && t != DType.BF16 && t != DType.F64) {
            throw new IOException(file + ": tensor '" + name + "' has dtype " + info.dtype()
                    + "; only F32, F16, BF16 and F64 can be loaded as weights");
        }
        long n = info.elements();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": tensor '" + name + "' has " + n + " elements, too many for one array");
        }
        ByteBuffer raw = ByteBuffer.allocate((int) (info.end() - info.begin())).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, raw, dataStart + info.begin());
        raw.flip();
        float[] out = new float[(int) n];
        switch (t) {
            case F32 -> raw.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) raw.getDouble();
                }
            }
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float16.toFloat(raw.getShort());
                }
            }
            default -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((raw.getShort() & 0xffff) << 16);
                }
            }
        }
        return out;
    }


    public static String shapeString(long[] shape) {
        if (shape.length == 0) {
            return "scalar";
        }
        StringBuilder b = new StringBuilder();
        for (long d : shape) {
            b.append(b.length() == 0 ? "" : "x").append(d);
        }
        return b.toString();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static IOException bad(Path file, String what) {
        return new IOException(file + ": not a valid safetensors file: " + what);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return file + " (" + tensors.size() + " tensors" + (metadata.isEmpty() ? "" : ", metadata " + metadata) + ")";
    }

    public static boolean sameShape(long[] a, long[] b) {
        return Arrays.equals(a, b);
    }

    /**
     * Writes float32 tensors (row-major, in map order) as a safetensors file, through a temporary sibling
     * and a rename; used to hand converted pretrained weights to {@code PretrainedWeights}.
     */
    public static void writeF32(Path file, Map<String, long[]> shapes, Map<String, float[]> values,
                                Map<String, String> metadata) throws IOException {
        ObjectMapper json = new ObjectMapper();
        var header = json.createObjectNode();
        if (!metadata.isEmpty()) {
            var meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            float[] v = values.get(e.getKey());
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            if (v == null || v.length != n) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " of shape " + shapeString(e.getValue())
                        + " has " + (v == null ? "no" : v.length) + " values");
            }
            var t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var sh = t.putArray("shape");
            for (long d : e.getValue()) {
                sh.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + 4 * n);
            offset += 4 * n;
        }
        byte[] h = json.writeValueAsBytes(header);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(h);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        org.fer4j.util.AtomicFiles.writeFile(file, tmp -> {
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                out.write(head.array());
                for (String name : shapes.keySet()) {
                    float[] v = values.get(name);
                    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(v);
                    out.write(b.array());
                }
            }
        });
    }
}
