package org.fer4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.util.AtomicFiles;

/** Prints the results as a table and writes them, with the machine and the sizes, as JSON. */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    public static void printTable(List<BenchResult> results, PrintWriter out) {
        out.printf(Locale.ROOT, "%-17s %-12s %-7s %11s %17s %10s %13s %9s  %s%n", "workload", "size", "prec",
                "median ms", "p10-p90 ms", "p99 ms", "items/s", "peak MB", "notes");
        for (BenchResult r : results) {
            String size = r.res() + "px b" + r.batch();
            if (r.skipped() != null) {
                out.printf(Locale.ROOT, "%-17s %-12s %-7s skipped: %s%n", r.name(), size, r.precision(), r.skipped());
                continue;
            }
            StepStats s = r.stats();
            out.printf(Locale.ROOT, "%-17s %-12s %-7s %11.1f %17s %10.1f %13s %9.0f  %s%n", r.name(), size,
                    r.precision(), s.median() * 1e3, String.format(Locale.ROOT, "%.1f-%.1f", s.p10() * 1e3, s.p90() * 1e3),
                    s.p99() * 1e3, String.format(Locale.ROOT, "%.1f %s", r.itemsPerSecond(), r.items()), r.peakRssMb(),
                    notes(r.extra()));
        }
        out.flush();
    }

    private static String notes(Map<String, Object> extra) {
        StringBuilder b = new StringBuilder();
        extra.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(k).append('=').append(v);
        });
        return b.toString();
    }

    public static void writeJson(Path file, Map<String, Object> environment, BenchConfig config,
                                 List<BenchResult> results) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("environment", environment);
        doc.put("config", config);
        doc.put("results", results.stream().map(BenchResult::toJson).toList());
        AtomicFiles.writeString(file, JSON.writeValueAsString(doc));
    }
}
