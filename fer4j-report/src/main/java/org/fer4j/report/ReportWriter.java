package org.fer4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fer4j.runs.RunLog;
import org.fer4j.util.AtomicFiles;

/**
 * Builds the self-contained {@code report.html} of a run folder (images embedded, no script) from its
 * recorded files alone, so a report can be rebuilt or restyled long after training: a single run's
 * report, an ablation's (the paper's Table 4 and its figures over the variants), or a comparison of
 * several run folders side by side.
 */
public final class ReportWriter {
    public static final String FILE = "report.html";
    public static final String ABLATION = "ablation.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {
    }

    /** Writes {@code dir/report.html} and returns its path. */
    public static Path write(Path dir, ReportOptions options) throws IOException {
        return write(dir, dir.resolve(FILE), options);
    }

    /** Writes the report of one run or ablation folder to {@code out}. */
    public static Path write(Path dir, Path out, ReportOptions options) throws IOException {
        String html = render(dir, options);
        AtomicFiles.writeString(out, html);
        return out;
    }

    /** Writes a side-by-side report of several run (or ablation) folders to {@code out}. */
    public static Path compare(List<Path> dirs, Path out, ReportOptions options) throws IOException {
        AtomicFiles.writeString(out, renderComparison(dirs, options));
        return out;
    }

    /** The HTML of one run or ablation folder. */
    public static String render(Path dir, ReportOptions options) throws IOException {
        requireFolder(dir);
        if (isAblation(dir)) {
            return ablation(dir, options);
        }
        requireRun(dir);
        RunFolder run = RunFolder.read(dir);
        JsonNode c = run.config().present() ? run.config().value() : null;
        String title = "fer4j report: " + run.name();
        String subtitle = (c == null ? "" : c.path("command").asText("?") + " · " + c.path("dataset").path("name").asText("?")
                + " · ") + run.evals().size() + " fold(s) · accuracy " + pctOrDash(run) + " · " + dir.toAbsolutePath().normalize();
        return Html.page(title, subtitle, dir.toString(), RunSections.all(run, options));
    }

    /** The HTML comparing several folders (each a run or an ablation, whose variants are listed in turn). */
    public static String renderComparison(List<Path> dirs, ReportOptions options) throws IOException {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("name at least one run folder to compare");
        }
        List<ComparisonSections.Named> runs = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Path d : dirs) {
            requireFolder(d);
            String dirName = String.valueOf(d.toAbsolutePath().normalize().getFileName());
            List<RunFolder> inner = new ArrayList<>();
            if (isAblation(d)) {
                variantDirs(d).forEach(v -> inner.add(RunFolder.read(v)));
            } else {
                requireRun(d);
                inner.add(RunFolder.read(d));
            }
            for (RunFolder r : inner) {
                String name = dirs.size() == 1 ? r.name() : dirName.equals(r.name()) ? r.name() : dirName + " / " + r.name();
                String unique = name;
                for (int i = 2; !used.add(unique); i++) {
                    unique = name + " (" + i + ")";
                }
                runs.add(new ComparisonSections.Named(unique, r));
            }
        }
        String title = "fer4j comparison: " + runs.size() + " runs";
        String subtitle = String.join(" · ", runs.stream().map(ComparisonSections.Named::name).toList());
        String source = String.join(" ", dirs.stream().map(Path::toString).toList());
        return Html.page(title, subtitle, source, ComparisonSections.all(runs, null, Map.of(), Map.of(), options));
    }

    private static String ablation(Path dir, ReportOptions options) throws IOException {
        Path file = dir.resolve(ABLATION);
        JsonNode ab = null;
        if (Files.isRegularFile(file)) {
            try {
                ab = JSON.readTree(file.toFile());
            } catch (IOException e) {
                ab = null;
            }
        }
        List<ComparisonSections.Named> runs = new ArrayList<>();
        Map<String, String> links = new HashMap<>();
        for (Path v : variantDirs(dir)) {
            RunFolder r = RunFolder.read(v);
            runs.add(new ComparisonSections.Named(r.name(), r));
            links.put(r.name(), dir.relativize(v).resolve(FILE).toString());
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds an ablation.json but no variant folder; nothing to report");
        }
        Map<String, String> header = new LinkedHashMap<>();
        if (ab != null) {
            header.put("dataset", ab.path("dataset").asText("–"));
            header.put("folds run", ab.path("folds").asText("–"));
            header.put("variants", Integer.toString(ab.path("variants").size()));
            if (ab.path("wall_seconds").isNumber()) {
                header.put("wall time (all variants)", RunSections.duration(ab.get("wall_seconds").asDouble()));
            }
        } else {
            header.put(ABLATION, Files.isRegularFile(file) ? "unreadable" : "not found (an interrupted ablation?)");
        }
        Path foldsFile = dir.resolve(RunLog.FOLDS);
        Recorded<JsonNode> folds;
        if (Files.isRegularFile(foldsFile)) {
            JsonNode f;
            try {
                f = JSON.readTree(foldsFile.toFile());
            } catch (IOException e) {
                f = null;
            }
            folds = f == null ? Recorded.missing("folds.json is unreadable") : Recorded.of(f);
        } else {
            folds = Recorded.missing("folds.json not found");
        }
        String title = "fer4j ablation report: " + runs.size() + " variants";
        String subtitle = (ab == null ? "" : ab.path("dataset").asText("?") + " · ") + dir.toAbsolutePath().normalize();
        return Html.page(title, subtitle, dir.toString(), ComparisonSections.all(runs, folds, header, links, options,
                ab == null ? null : ab.path("comparisons")));
    }

    /** An ablation folder: ablation.json, or no run files of its own but run folders inside. */
    public static boolean isAblation(Path dir) {
        if (Files.isRegularFile(dir.resolve(ABLATION))) {
            return true;
        }
        return !RunFolder.looksLikeRun(dir) && !childRuns(dir).isEmpty();
    }

    /** The variants in ablation.json's order, then any other run folder inside, by name. */
    static List<Path> variantDirs(Path dir) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        Path file = dir.resolve(ABLATION);
        if (Files.isRegularFile(file)) {
            try {
                for (JsonNode v : JSON.readTree(file.toFile()).path("variants")) {
                    Path p = dir.resolve(v.path("run_dir").asText("."));
                    if (v.hasNonNull("run_dir") && Files.isDirectory(p) && !p.normalize().equals(dir.normalize())) {
                        out.add(p);
                    }
                }
            } catch (IOException e) {
                // fall back to the folders on disk
            }
        }
        out.addAll(childRuns(dir));
        return new ArrayList<>(out);
    }

    private static List<Path> childRuns(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(RunFolder::looksLikeRun).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void requireFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such run folder; pass a folder written by fer4j train, cv, ablation or demo");
        }
    }

    private static void requireRun(Path dir) {
        if (!RunFolder.looksLikeRun(dir)) {
            throw new IllegalArgumentException(dir + " is not a run folder: it holds none of config.json, metrics.jsonl,"
                    + " results.json, fold-0/eval.json or ablation.json; pass a folder written by fer4j train, cv or ablation");
        }
    }

    private static String pctOrDash(RunFolder run) {
        return Double.isNaN(run.accuracy().mean()) ? "–" : run.accuracy().percent() + " %";
    }
}
