package org.fer4j.runs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.util.AtomicFiles;

/**
 * The run folder's recorded files, which reports are rebuilt from without retraining:
 * <ul>
 *   <li>{@code config.json}: the resolved configuration, seed, versions, dataset summary</li>
 *   <li>{@code metrics.jsonl}: one line per epoch (fold, epoch, pace, loss, accuracies, admitted, seconds)</li>
 *   <li>{@code spl.jsonl}: one line per pace (λ_k, admitted per class, excluded ids, test accuracy)</li>
 *   <li>{@code folds.json}, {@code results.json}, {@code fold-K/eval.json}, {@code fold-K/predictions.csv}</li>
 *   <li>{@code features/fold-K-pace-P.csv}: test-set features (NDF or z_e) for t-SNE</li>
 *   <li>{@code thumbnails/}: excluded samples per pace and the most confident mistakes</li>
 *   <li>{@code reconstructions/}: inputs and decoder outputs of an adversarial model with β1 &gt; 0</li>
 *   <li>{@code checkpoints/fold-K/last}, {@code …/best}: atomic checkpoints; {@code fold-K/model}: the final model</li>
 * </ul>
 */
public final class RunLog {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String SPL = "spl.jsonl";
    public static final String FOLDS = "folds.json";
    public static final String RESULTS = "results.json";
    /** In each {@code fold-K/}: the test evaluation, the per-image predictions, the final model, the probes. */
    public static final String EVAL = "eval.json";
    public static final String PREDICTIONS = "predictions.csv";
    public static final String MODEL = "model";
    public static final String PROBES = "probes.json";
    /** Folders: test-set features per pace (t-SNE), thumbnails of excluded samples and mistakes. */
    public static final String FEATURES = "features";
    public static final String THUMBNAILS = "thumbnails";
    /** Folder: inputs and their decoder reconstructions, for an adversarial model with a trained decoder. */
    public static final String RECONSTRUCTIONS = "reconstructions";
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Lines of a newer version may carry fields this one does not know: they are read, not rejected. */
    private static final ObjectMapper LINE = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;

    public RunLog(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path foldDir(int fold) {
        return dir.resolve("fold-" + fold);
    }

    public Path checkpointDir(int fold) {
        return dir.resolve("checkpoints").resolve("fold-" + fold);
    }

    /** The checkpoint written after every epoch, which {@code --resume} continues from. */
    public Path lastCheckpoint(int fold) {
        return checkpointDir(fold).resolve("last");
    }

    /** The checkpoint with the best validation accuracy so far: the fold's final model. */
    public Path bestCheckpoint(int fold) {
        return checkpointDir(fold).resolve("best");
    }

    /** Test-set features at the end of a pace ({@code pace} a number) or of training ({@code "final"}). */
    public Path featureFile(int fold, Object pace) {
        return dir.resolve(FEATURES).resolve("fold-" + fold + (pace instanceof Number ? "-pace-" + pace : "-" + pace)
                + ".csv");
    }

    /** Appends one epoch's line to {@code metrics.jsonl}. */
    public void append(EpochRecord epoch) {
        append(METRICS, epoch);
    }

    /** Appends one pace's line to {@code spl.jsonl}. */
    public void append(PaceRecord pace) {
        append(SPL, pace);
    }

    /** The epochs recorded in {@code runDir}'s {@code metrics.jsonl}, in file order; a torn line is skipped. */
    public static List<EpochRecord> readEpochs(Path runDir) throws IOException {
        return read(runDir.resolve(METRICS), EpochRecord.class).records();
    }

    /** The paces recorded in {@code runDir}'s {@code spl.jsonl}, in file order; a torn line is skipped. */
    public static List<PaceRecord> readPaces(Path runDir) throws IOException {
        return read(runDir.resolve(SPL), PaceRecord.class).records();
    }

    /**
     * The records of a JSON-lines file and how many lines could not be read (a torn last line from an
     * interrupted write, a hand-edited or invalid line).
     */
    public record Lines<T>(List<T> records, int unreadable) {
        public Lines {
            records = List.copyOf(records);
        }
    }

    /** Reads {@code file}'s lines as {@code type}; a missing file reads as no lines. */
    public static <T> Lines<T> read(Path file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        int unreadable = 0;
        if (!Files.isRegularFile(file)) {
            return new Lines<>(out, 0);
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(LINE.readValue(line, type));
            } catch (IOException | IllegalArgumentException torn) {
                unreadable++;
            }
        }
        return new Lines<>(out, unreadable);
    }

    /** Appends one JSON object as a line (append is atomic enough for a line; readers skip a torn last line). */
    public synchronized void append(String file, Object record) {
        try {
            String line = LINE.writeValueAsString(record) + "\n";
            Files.writeString(dir.resolve(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(file) + ": cannot append run log", e);
        }
    }

    /** Writes a JSON file atomically. */
    public void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(value));
    }

    public void writeJson(String file, Object value) throws IOException {
        writeJson(dir.resolve(file), value);
    }

    /** Removes lines of {@code file} for {@code fold} at or after {@code epoch} (used before resuming). */
    public void truncateFrom(String file, int fold, String key, int from) throws IOException {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : Files.readAllLines(p)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                Map<?, ?> m = LINE.readValue(line, Map.class);
                Object f = m.get("fold");
                Object k = m.get(key);
                if (f instanceof Number fn && fn.intValue() == fold && k instanceof Number kn && kn.intValue() >= from) {
                    continue;
                }
            } catch (IOException torn) {
                continue; // a torn line from an interrupted write
            }
            kept.append(line).append('\n');
        }
        AtomicFiles.writeString(p, kept.toString());
    }

    public static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
