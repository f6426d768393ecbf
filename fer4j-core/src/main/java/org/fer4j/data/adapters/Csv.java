package org.fer4j.data.adapters;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV reading the adapters share: Commons CSV, a byte-order mark skipped, columns found by name in any case. */
final class Csv {
    private Csv() {
    }

    /**
     * A streaming parser over {@code file} (records are read one at a time, so a 300 MB file is fine).
     * The file must be UTF-8 (checked first, naming the line of the first bad byte); iterate it with
     * {@link #records} so that a malformed record names the file and line.
     */
    static CSVParser open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a CSV file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        requireUtf8(file);
        BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build().parse(r);
    }

    /** The parser's records; a malformed one (an unterminated quote) is an error naming the file and line. */
    static Iterable<CSVRecord> records(CSVParser parser, Path file) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<CSVRecord> it = parser.iterator();

            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (java.io.UncheckedIOException | IllegalStateException e) {
                    throw new java.io.UncheckedIOException(new IOException(file + ": line " + parser.getCurrentLineNumber()
                            + ": malformed CSV (" + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                            + "); a quote opened in a field must be closed", e));
                }
            }

            @Override
            public CSVRecord next() {
                return it.next();
            }
        };
    }

    /** Refuses a file that is not UTF-8 text, naming the line and the byte (a Latin-1 export, a binary file). */
    static void requireUtf8(Path file) throws IOException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(1 << 16);
        long line = 1;
        long zeros = 0;
        try (var ch = Files.newByteChannel(file)) {
            boolean eof = false;
            while (!eof) {
                eof = ch.read(in) < 0;
                in.flip();
                int start = in.position();
                java.nio.charset.CoderResult r = decoder.decode(in, out, eof);
                for (int i = start; i < in.position(); i++) {
                    byte b = in.get(i);
                    if (b == '\n') {
                        line++;
                    } else if (b == 0) {
                        zeros++;
                    }
                }
                if (r.isError() || zeros > 0) {
                    throw new IOException(file + ": line " + line + ": not UTF-8 text" + (r.isError()
                            ? String.format(java.util.Locale.ROOT, " (byte 0x%02X)", in.get(in.position()) & 0xff)
                            : " (a zero byte: a binary file?)") + "; save the file as UTF-8");
                }
                out.clear();
                in.compact();
            }
        }
    }

    /** Column index by lower-case name, from a header record. */
    static Map<String, Integer> header(CSVRecord rec) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < rec.size(); i++) {
            m.putIfAbsent(rec.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        return m;
    }

    /** Column index by lower-case name for a file without a header, in the documented order. */
    static Map<String, Integer> positions(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i).toLowerCase(Locale.ROOT), i);
        }
        return m;
    }

    static boolean has(Map<String, Integer> col, String name) {
        return col.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The trimmed value of column {@code name}, or "" when the column or the value is absent. */
    static String get(CSVRecord rec, Map<String, Integer> col, String name) {
        Integer i = col.get(name.toLowerCase(Locale.ROOT));
        return i == null || i >= rec.size() ? "" : rec.get(i).trim();
    }
}
