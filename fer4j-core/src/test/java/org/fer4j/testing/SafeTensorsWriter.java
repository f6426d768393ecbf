package org.fer4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.models.ResNet18Test;

/**
 * The tests' own safetensors writer, written from the format's specification and independent of
 * fer4j's reader: an unsigned 64-bit little-endian header length, the JSON header padded with spaces
 * to a multiple of 8 bytes, then each tensor's little-endian bytes in order.
 */
public final class SafeTensorsWriter {
    private SafeTensorsWriter() {
    }

    /** A tensor as the tests write it: dtype name, shape and raw little-endian bytes. */
    public record T(String dtype, long[] shape, byte[] data) {
    }

    public static Path write(Path file, Map<String, T> tensors, Map<String, String> metadata) throws IOException {
        Files.write(file, bytes(tensors, metadata));
        return file;
    }

    /**
     * torchvision's ResNet-18 tensors ({@link ResNet18Test#TORCHVISION}: name and shape) at width
     * 1/divisor, with values exactly representable in F16 and BF16, written as F32, F16 and BF16 in turn.
     *
     * @param values receives the values written, by name
     */
    public static Map<String, T> torchvisionTensors(int divisor, Map<String, float[]> values) {
        Map<String, T> out = new LinkedHashMap<>();
        int j = 0;
        for (String line : ResNet18Test.TORCHVISION) {
            String name = line.split(" ")[0];
            String[] dims = line.split(" ")[1].split("x");
            long[] shape = new long[dims.length];
            int n = 1;
            for (int d = 0; d < dims.length; d++) {
                long v = Long.parseLong(dims[d]);
                shape[d] = v == 3 && d == 1 ? 3 : (d < 2 ? v / divisor : v); // channels scale, kernels and RGB do not
                n *= (int) shape[d];
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = name.endsWith("running_var") ? 1 + (i % 5) / 8f : ((j * 7 + i) % 61 - 30) / 64f;
            }
            values.put(name, v);
            out.put(name, switch (j % 3) {
                case 0 -> f32(shape, v);
                case 1 -> f16(shape, v);
                default -> bf16(shape, v);
            });
            j++;
        }
        return out;
    }

    public static T f32(long[] shape, float[] v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToIntBits(v[i]);
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (bits >>> (8 * k));
            }
        }
        return new T("F32", shape, b);
    }

    public static T bf16(long[] shape, float[] v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToIntBits(v[i]) >>> 16;
            b[2 * i] = (byte) bits;
            b[2 * i + 1] = (byte) (bits >>> 8);
        }
        return new T("BF16", shape, b);
    }

    /** Binary16 for normal values with at most 10 mantissa bits (all the test uses) and zero. */
    public static T f16(long[] shape, float[] v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            int f = Float.floatToIntBits(v[i]);
            int sign = (f >>> 16) & 0x8000;
            int exp = ((f >>> 23) & 0xff) - 127 + 15;
            int h = v[i] == 0 ? sign : sign | (exp << 10) | ((f >>> 13) & 0x3ff);
            b[2 * i] = (byte) h;
            b[2 * i + 1] = (byte) (h >>> 8);
        }
        return new T("F16", shape, b);
    }

    public static byte[] bytes(Map<String, T> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            List<String> kv = new ArrayList<>();
            metadata.forEach((k, v) -> kv.add("\"" + k + "\":\"" + v + "\""));
            json.append(String.join(",", kv)).append("},");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, T> e : tensors.entrySet()) {
            long begin = data.size();
            data.writeBytes(e.getValue().data());
            StringBuilder shape = new StringBuilder();
            for (long d : e.getValue().shape()) {
                shape.append(shape.length() == 0 ? "" : ",").append(d);
            }
            entries.add("\"" + e.getKey() + "\":{\"dtype\":\"" + e.getValue().dtype() + "\",\"shape\":[" + shape
                    + "],\"data_offsets\":[" + begin + "," + data.size() + "]}");
        }
        json.append(String.join(",", entries)).append("}");
        return frame(json.toString(), data.toByteArray());
    }

    /** Header length as unsigned 64-bit little-endian, the header padded with spaces to 8 bytes, then the data. */
    public static byte[] frame(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k < 8; k++) {
            out.write((int) ((long) padded >>> (8 * k)) & 0xff);
        }
        out.writeBytes(h);
        for (int k = h.length; k < padded; k++) {
            out.write(' ');
        }
        out.writeBytes(data);
        return out.toByteArray();
    }
}
