package org.fer4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.MeanStd;
import org.fer4j.models.ModelKind;
import org.fer4j.runs.EpochRecord;
import org.fer4j.runs.PaceRecord;
import org.fer4j.runs.RunLog;

/**
 * What one trained variant recorded in its run folder (see {@link RunLog}), read back without any
 * model: the report is rebuilt from these files alone. Every file is optional; what is missing or
 * unreadable is recorded as a reason, never thrown.
 */
public final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FOLD_DIR = Pattern.compile("fold-(\\d+)");
    private static final Pattern FEATURE_FILE = Pattern.compile("fold-(\\d+)-(?:pace-(\\d+)|final)\\.csv");

    /** One line of {@code fold-K/predictions.csv}. */
    public record Prediction(String id, String subject, String label, String predicted, double confidence) {
    }

    /** A {@code features/fold-K-pace-P.csv} or {@code fold-K-final.csv} file ({@code pace} −1 for final). */
    public record FeatureFile(int fold, int pace, Path path) {
        public boolean isFinal() {
            return pace < 0;
        }

        public String describe() {
            return "fold " + fold + (isFinal() ? ", final model" : ", end of pace " + pace);
        }
    }

    private final Path dir;
    private final Recorded<JsonNode> config;
    private final Recorded<JsonNode> folds;
    private final Recorded<List<EpochRecord>> metrics;
    private final Recorded<List<PaceRecord>> spl;
    private final Recorded<JsonNode> results;
    private final SortedMap<Integer, EvaluationResult> evals = new TreeMap<>();
    private final SortedMap<Integer, List<Prediction>> predictions = new TreeMap<>();
    private final SortedMap<Integer, JsonNode> probes = new TreeMap<>();
    private final List<FeatureFile> features = new ArrayList<>();
    private final List<Path> thumbnails;
    private final List<Path> reconstructions;
    private final List<String> problems = new ArrayList<>();

    private RunFolder(Path dir) {
        this.dir = dir;
        this.config = readJson(RunLog.CONFIG);
        this.folds = readJson(RunLog.FOLDS);
        this.metrics = readLines(RunLog.METRICS, EpochRecord.class);
        this.spl = readLines(RunLog.SPL, PaceRecord.class);
        this.results = readJson(RunLog.RESULTS);
        for (int fold : foldNumbers()) {
            Path fd = dir.resolve("fold-" + fold);
            Path eval = fd.resolve(RunLog.EVAL);
            if (Files.isRegularFile(eval)) {
                try {
                    evals.put(fold, evaluation(JSON.readTree(eval.toFile()), eval));
                } catch (IOException | RuntimeException e) {
                    problems.add(dir.relativize(eval) + " is unreadable (" + e.getMessage() + ")");
                }
            }
            Path pred = fd.resolve(RunLog.PREDICTIONS);
            if (Files.isRegularFile(pred)) {
                try {
                    predictions.put(fold, readPredictions(pred));
                } catch (IOException | RuntimeException e) {
                    problems.add(dir.relativize(pred) + " is unreadable (" + e.getMessage() + ")");
                }
            }
            Path probe = fd.resolve(RunLog.PROBES);
            if (Files.isRegularFile(probe)) {
                try {
                    probes.put(fold, JSON.readTree(probe.toFile()));
                } catch (IOException e) {
                    problems.add(dir.relativize(probe) + " is unreadable (" + e.getMessage() + ")");
                }
            }
        }
        for (Path f : list(dir.resolve(RunLog.FEATURES), ".csv")) {
            Matcher m = FEATURE_FILE.matcher(f.getFileName().toString());
            if (m.matches()) {
                features.add(new FeatureFile(Integer.parseInt(m.group(1)),
                        m.group(2) == null ? -1 : Integer.parseInt(m.group(2)), f));
            }
        }
        this.thumbnails = list(dir.resolve(RunLog.THUMBNAILS), ".png");
        this.reconstructions = list(dir.resolve(RunLog.RECONSTRUCTIONS), ".png");
    }

    /** Reads whatever {@code dir} recorded; never throws for missing or malformed files. */
    public static RunFolder read(Path dir) {
        return new RunFolder(dir);
    }

    /** Whether {@code dir} holds any file a training run records. */
    public static boolean looksLikeRun(Path dir) {
        return Stream.of(RunLog.CONFIG, RunLog.METRICS, RunLog.RESULTS).anyMatch(f -> Files.isRegularFile(dir.resolve(f)))
                || Files.isRegularFile(dir.resolve("fold-0").resolve(RunLog.EVAL));
    }

    public Path dir() {
        return dir;
    }

    /** The variant's name as recorded, else the folder's name. */
    public String name() {
        if (config.present() && config.value().hasNonNull("variant")) {
            return config.value().get("variant").asText();
        }
        if (results.present() && results.value().hasNonNull("variant")) {
            return results.value().get("variant").asText();
        }
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }

    public Recorded<JsonNode> config() {
        return config;
    }

    public Recorded<JsonNode> folds() {
        return folds;
    }

    public Recorded<List<EpochRecord>> metrics() {
        return metrics;
    }

    public Recorded<List<PaceRecord>> spl() {
        return spl;
    }

    public Recorded<JsonNode> results() {
        return results;
    }

    /** Test-set evaluation of each fold's final model, by fold. */
    public SortedMap<Integer, EvaluationResult> evals() {
        return Collections.unmodifiableSortedMap(evals);
    }

    public SortedMap<Integer, List<Prediction>> predictions() {
        return Collections.unmodifiableSortedMap(predictions);
    }

    public SortedMap<Integer, JsonNode> probes() {
        return Collections.unmodifiableSortedMap(probes);
    }

    public List<FeatureFile> features() {
        return List.copyOf(features);
    }

    public List<Path> thumbnails() {
        return thumbnails;
    }

    public List<Path> reconstructions() {
        return reconstructions;
    }

    /** Files that exist but could not be read, for the report to list. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The model kind as recorded ({@code BASELINE}, {@code SPNDL}, …), or {@code null}. */
    public String modelKind() {
        JsonNode k = config.present() ? config.value().path("model").path("kind") : null;
        return k == null || k.isMissingNode() || k.isNull() ? null : k.asText().toUpperCase(Locale.ROOT);
    }

    public boolean isAdversarial() {
        if (!probes.isEmpty()) {
            return true;
        }
        try {
            return modelKind() != null && ModelKind.parse(modelKind()).definition().probedByDefault();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** Whether self-paced learning was on; {@code null} when config.json does not say. */
    public Boolean selfPaced() {
        if (!config.present()) {
            return spl.present() && !spl.value().isEmpty() ? Boolean.TRUE : null;
        }
        JsonNode e = config.value().path("self_paced").path("enabled");
        return e.isBoolean() ? e.asBoolean() : null;
    }

    /** A model option as recorded in config.json (e.g. {@code adv.beta1}), or {@code null}. */
    public String modelOption(String key) {
        if (!config.present()) {
            return null;
        }
        JsonNode v = config.value().path("model").path("options").path(key);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** Accuracy over folds from eval.json files, else from results.json. */
    public MeanStd accuracy() {
        if (!evals.isEmpty()) {
            return MeanStd.of(evals.values().stream().map(EvaluationResult::accuracy).toList());
        }
        return fromResults("fold_accuracy", "accuracy_mean", "accuracy_std");
    }

    public MeanStd macroF1() {
        if (!evals.isEmpty()) {
            return MeanStd.of(evals.values().stream().map(EvaluationResult::macroF1).toList());
        }
        return fromResults(null, "macro_f1_mean", "macro_f1_std");
    }

    /** The confusion matrices of all folds summed (Fig. 4 aggregates the folds), or null. */
    public EvaluationResult pooled() {
        if (evals.isEmpty()) {
            return null;
        }
        EvaluationResult first = evals.values().iterator().next();
        int k = first.labels().size();
        long[][] sum = new long[k][k];
        for (EvaluationResult r : evals.values()) {
            if (!r.labels().equals(first.labels())) {
                return null;
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    sum[i][j] += r.confusion()[i][j];
                }
            }
        }
        return EvaluationResult.of(first.labels(), sum);
    }

    /** Wall time in seconds: results.json, else the sum of epoch times, else NaN. */
    public double seconds() {
        if (results.present() && results.value().path("seconds").isNumber()) {
            return results.value().get("seconds").asDouble();
        }
        if (metrics.present() && !metrics.value().isEmpty()) {
            return metrics.value().stream().mapToDouble(EpochRecord::seconds).sum();
        }
        return Double.NaN;
    }

    private MeanStd fromResults(String foldsKey, String meanKey, String stdKey) {
        if (!results.present()) {
            return new MeanStd(Double.NaN, Double.NaN, 0);
        }
        JsonNode r = results.value();
        int n = foldsKey != null && r.path(foldsKey).isArray() ? r.get(foldsKey).size() : 0;
        return new MeanStd(r.path(meanKey).asDouble(Double.NaN), r.path(stdKey).asDouble(Double.NaN), n);
    }

    private List<Integer> foldNumbers() {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).forEach(p -> {
                Matcher m = FOLD_DIR.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            problems.add(dir + " cannot be listed (" + e.getMessage() + ")");
        }
        Collections.sort(out);
        return out;
    }

    private Recorded<JsonNode> readJson(String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            return Recorded.missing(name + " not found");
        }
        try {
            return Recorded.of(JSON.readTree(p.toFile()));
        } catch (IOException e) {
            problems.add(name + " is unreadable (" + e.getMessage() + ")");
            return Recorded.missing(name + " is unreadable");
        }
    }

    /** JSON lines; a torn line (an interrupted append) is skipped and counted. */
    private <T> Recorded<List<T>> readLines(String name, Class<T> type) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            return Recorded.missing(name + " not found");
        }
        try {
            RunLog.Lines<T> lines = RunLog.read(p, type);
            if (lines.unreadable() > 0) {
                problems.add(name + ": " + lines.unreadable() + " unreadable line(s) skipped");
            }
            return Recorded.of(lines.records());
        } catch (IOException e) {
            problems.add(name + " is unreadable (" + e.getMessage() + ")");
            return Recorded.missing(name + " is unreadable");
        }
    }

    /** Rebuilt from the recorded labels and confusion matrix, so every number is derived the same way. */
    private static EvaluationResult evaluation(JsonNode n, Path file) {
        JsonNode labels = n.path("labels");
        JsonNode conf = n.path("confusion");
        if (!labels.isArray() || !conf.isArray() || conf.size() != labels.size()) {
            throw new IllegalArgumentException(file.getFileName() + " has no labels/confusion of matching size");
        }
        List<String> names = new ArrayList<>();
        labels.forEach(l -> names.add(l.asText()));
        int k = names.size();
        long[][] c = new long[k][k];
        for (int i = 0; i < k; i++) {
            JsonNode row = conf.get(i);
            if (!row.isArray() || row.size() != k) {
                throw new IllegalArgumentException("confusion row " + i + " does not have " + k + " counts");
            }
            for (int j = 0; j < k; j++) {
                c[i][j] = row.get(j).asLong();
            }
        }
        return EvaluationResult.of(names, c);
    }

    private static List<Prediction> readPredictions(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        int id = column(header, "id", file);
        int subject = header.indexOf("subject");
        int label = column(header, "label", file);
        int predicted = column(header, "predicted", file);
        int confidence = column(header, "confidence", file);
        List<Prediction> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split(",", -1);
            out.add(new Prediction(c[id], subject >= 0 ? c[subject] : "", c[label], c[predicted],
                    Double.parseDouble(c[confidence])));
        }
        return out;
    }

    private static int column(List<String> header, String name, Path file) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(file.getFileName() + " has no '" + name + "' column");
        }
        return i;
    }

    private List<Path> list(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            problems.add(folder + " cannot be listed (" + e.getMessage() + ")");
            return List.of();
        }
    }

    /** Keys of a JSON object in order. */
    static List<Map.Entry<String, JsonNode>> fields(JsonNode n) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        n.fields().forEachRemaining(out::add);
        return out;
    }
}
