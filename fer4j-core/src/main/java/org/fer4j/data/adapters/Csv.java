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

    /** A streaming parser over {@code file} (records are read one at a time, so a 300 MB file is fine). */
    static CSVParser open(Path file) throws IOException {
        BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build().parse(r);
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
