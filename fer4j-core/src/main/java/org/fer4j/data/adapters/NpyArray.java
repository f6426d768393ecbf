package org.fer4j.data.adapters;

import org.fer4j.util.Float16;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An array read from NumPy's {@code .npy} format (what AffectNet's later release ships its annotations
 * in): magic {@code \x93NUMPY}, version, header length, a Python-literal header dict with {@code descr},
 * {@code fortran_order} and {@code shape}, then the raw values. Numeric values are kept as
 * {@code long} (integers, booleans) or {@code double} (floats), strings ({@code <U}, {@code |S}) as
 * {@link String}; values are in C (row-major) order whatever the file's order. Pickled object arrays
 * are refused, since reading them means running Python.
 *
 * @param descr   the dtype as written, e.g. {@code <f8}, {@code <U2}
 * @param shape   dimensions; empty for a scalar
 */
public record NpyArray(String descr, int[] shape, long[] longs, double[] doubles, String[] strings) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=]?)([biufUSa])(\\d{1,9})");

    public NpyArray {
        shape = shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public int size() {
        return longs != null ? longs.length : doubles != null ? doubles.length : strings.length;
    }

    public boolean isText() {
        return strings != null;
    }

    public double getDouble(int i) {
        if (longs != null) {
            return longs[i];
        }
        if (doubles != null) {
            return doubles[i];
        }
        try {
            return Double.parseDouble(strings[i].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("element " + i + " is the text '" + strings[i] + "', not a number");
        }
    }

    public String getString(int i) {
        if (strings != null) {
            return strings[i];
        }
        if (longs != null) {
            return Long.toString(longs[i]);
        }
        double d = doubles[i];
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * The single value of a scalar or one-element array as text (integers and integral floats without a
     * decimal point, so {@code 3}, {@code 3.0} and {@code '3'} all read {@code "3"}).
     *
     * @throws IllegalArgumentException when the array holds more than one value
     */
    public String scalarText() {
        if (size() != 1) {
            throw new IllegalArgumentException("expected a single value, found " + size() + " (shape "
                    + Arrays.toString(shape) + ")");
        }
        String s = getString(0).trim();
        if (strings != null && s.matches("[+-]?\\d+\\.0*")) {
            s = s.substring(0, s.indexOf('.'));
        }
        return s;
    }

    public static NpyArray read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses the bytes of a {@code .npy} file; errors name {@code source} and what is wrong. */
    public static NpyArray parse(byte[] bytes, String source) throws IOException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException(source + ": not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = in.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IOException(source + ": truncated .npy header");
            }
            headerLen = in.getInt(8);
            start = 12;
        } else {
            throw new IOException(source + ": .npy format version " + major + "." + (bytes[7] & 0xff)
                    + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (headerLen < 0 || headerLen > bytes.length - start) { // not start + headerLen: it overflows for 2³¹ − 1
            throw new IOException(source + ": truncated .npy header (" + headerLen + " bytes announced)");
        }
        Charset cs = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String header = new String(bytes, start, headerLen, cs);
        String descr = group(DESCR, header, "descr", source);
        boolean fortran = "True".equals(group(FORTRAN, header, "fortran_order", source));
        int[] shape = parseShape(group(SHAPE, header, "shape", source), source);
        long count = 1;
        try {
            for (int d : shape) {
                count = Math.multiplyExact(count, (long) d);
            }
        } catch (ArithmeticException e) {
            throw new IOException(source + ": shape " + Arrays.toString(shape) + " has more elements than a file can hold");
        }
        Matcher t = TYPE.matcher(descr);
        if (!t.matches()) {
            throw new IOException(source + ": dtype '" + descr + "' is not supported (" + (descr.contains("O")
                    ? "object arrays are pickled Python objects; save with allow_pickle=False"
                    : "supported: booleans, integers, floats, <U and |S strings") + ")");
        }
        ByteOrder order = ">".equals(t.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = t.group(2).charAt(0);
        int itemSize = Integer.parseInt(t.group(3));
        long wide = kind == 'U' ? 4L * itemSize : itemSize;
        int offset = start + headerLen;
        if (wide <= 0 || wide > bytes.length || count > (bytes.length - offset) / wide) {
            throw new IOException(source + ": data too short: shape " + Arrays.toString(shape) + " of " + descr
                    + " needs " + (wide > 0 && count <= Long.MAX_VALUE / wide ? Long.toString(count * wide) : "more")
                    + " bytes, file has " + (bytes.length - offset));
        }
        int width = (int) wide;
        int n = (int) count;
        ByteBuffer data = ByteBuffer.wrap(bytes, offset, n * width).slice().order(order);
        int[] perm = fortran && shape.length > 1 ? fortranToC(shape) : null;
        long[] longs = null;
        double[] doubles = null;
        String[] strings = null;
        switch (kind) {
            case 'b', 'i', 'u' -> {
                longs = new long[n];
                for (int i = 0; i < n; i++) {
                    longs[i] = integer(data, at(perm, i) * width, width, kind == 'u', descr, source);
                }
            }
            case 'f' -> {
                doubles = new double[n];
                for (int i = 0; i < n; i++) {
                    int j = at(perm, i);
                    doubles[i] = switch (width) {
                        case 4 -> data.getFloat(j * 4);
                        case 8 -> data.getDouble(j * 8);
                        case 2 -> Float16.toFloat(data.getShort(j * 2));
                        default -> throw new IOException(source + ": float width " + width + " is not supported");
                    };
                }
            }
            default -> {
                strings = new String[n];
                Charset sc = kind == 'U' ? (order == ByteOrder.BIG_ENDIAN ? Charset.forName("UTF-32BE")
                        : Charset.forName("UTF-32LE")) : StandardCharsets.ISO_8859_1;
                for (int i = 0; i < n; i++) {
                    int from = offset + at(perm, i) * width;
                    int end = width;
                    int step = kind == 'U' ? 4 : 1;
                    while (end >= step && allZero(bytes, from + end - step, step)) {
                        end -= step; // NumPy pads strings with NULs
                    }
                    strings[i] = new String(bytes, from, end, sc);
                }
            }
        }
        return new NpyArray(descr, shape, longs, doubles, strings);
    }

    private static String group(Pattern p, String header, String key, String source) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(source + ": .npy header has no '" + key + "' entry: " + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(String s, String source) throws IOException {
        String[] parts = s.split(",");
        int[] dims = new int[parts.length];
        int k = 0;
        for (String part : parts) {
            String p = part.trim().replaceAll("L$", "");
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims[k] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IOException(source + ": bad .npy shape (" + s + ")");
            }
            if (dims[k++] < 0) {
                throw new IOException(source + ": negative dimension in .npy shape (" + s + ")");
            }
        }
        return Arrays.copyOf(dims, k);
    }

    private static long integer(ByteBuffer b, int at, int width, boolean unsigned, String descr, String source)
            throws IOException {
        return switch (width) {
            case 1 -> unsigned ? b.get(at) & 0xffL : b.get(at);
            case 2 -> unsigned ? b.getShort(at) & 0xffffL : b.getShort(at);
            case 4 -> unsigned ? b.getInt(at) & 0xffffffffL : b.getInt(at);
            case 8 -> b.getLong(at);
            default -> throw new IOException(source + ": integer dtype '" + descr + "' is not supported");
        };
    }


    private static boolean allZero(byte[] b, int from, int len) {
        for (int i = 0; i < len; i++) {
            if (b[from + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Where the element at C-order position {@code c} is stored. */
    private static int at(int[] perm, int c) {
        return perm == null ? c : perm[c];
    }

    /** perm[c] = index in the Fortran-ordered data of the element at C-order position c. */
    private static int[] fortranToC(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[] perm = new int[n];
        int[] idx = new int[shape.length];
        for (int c = 0; c < n; c++) {
            int f = 0;
            int stride = 1;
            for (int d = 0; d < shape.length; d++) {
                f += idx[d] * stride;
                stride *= shape[d];
            }
            perm[c] = f;
            for (int d = shape.length - 1; d >= 0; d--) { // advance the C-order multi-index
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return perm;
    }
}
