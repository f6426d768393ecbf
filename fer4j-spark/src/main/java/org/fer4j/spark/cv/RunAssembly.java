package org.fer4j.spark.cv;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.ProbeScores;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.experiments.Variant;
import org.fer4j.runs.RunLog;
import org.fer4j.util.AtomicFiles;

/**
 * Turns the committed folds of a distributed run into the run folder a single-machine run writes (the
 * layout {@code fer4j report} reads): each fold's {@code fold-K/} and {@code checkpoints/fold-K/} moved into
 * place, its features, thumbnails and reconstructions beside the others', its {@code metrics.jsonl} and
 * {@code spl.jsonl} lines merged in fold order. Every step can be repeated: a driver that dies half-way
 * through merges the rest on {@code --resume}, because a committed fold is removed only after its lines
 * are in the merged files.
 */
final class RunAssembly {
    private static final List<String> SHARED_FOLDERS = List.of(RunLog.FEATURES, RunLog.THUMBNAILS, RunLog.RECONSTRUCTIONS);
    private static final List<String> LINE_FILES = List.of(RunLog.METRICS, RunLog.SPL);
    /** eval.json records a class nobody predicted with a NaN recall. */
    private static final ObjectMapper READ = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();

    private RunAssembly() {
    }

    /** The folder of row {@code v}: the run folder itself for a one-row run, else a sub-folder per row (as the CLI). */
    static Path variantDir(Path runDir, Experiment e, Variant v) {
        return e.variants().size() == 1 ? runDir : runDir.resolve(slug(v.name()));
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Whether fold {@code fold} of the row in {@code variantDir} is finished: committed, or already merged. */
    static boolean done(Path variantDir, int fold) {
        return Files.isDirectory(FoldCommit.committed(variantDir, fold))
                || Files.isRegularFile(variantDir.resolve("fold-" + fold).resolve(RunLog.EVAL))
                && !Files.exists(variantDir.resolve(FoldCommit.TASKS).resolve("fold-" + fold));
    }

    /** Merges every committed fold of the row in {@code variantDir}, then removes the task folders. */
    static void merge(Path variantDir, List<FoldSubjects> folds) throws IOException {
        List<Integer> merged = new ArrayList<>();
        List<String>[] lines = newLines();
        for (FoldSubjects f : folds) {
            Path c = FoldCommit.committed(variantDir, f.index());
            if (!Files.isDirectory(c)) {
                continue;
            }
            String fold = "fold-" + f.index();
            replace(c.resolve(fold), variantDir.resolve(fold));
            replace(c.resolve("checkpoints").resolve(fold), variantDir.resolve("checkpoints").resolve(fold));
            for (String shared : SHARED_FOLDERS) {
                if (Files.isDirectory(c.resolve(shared))) {
                    try (Stream<Path> files = Files.list(c.resolve(shared))) {
                        for (Path file : files.sorted().toList()) {
                            replace(file, variantDir.resolve(shared).resolve(file.getFileName().toString()));
                        }
                    }
                }
            }
            for (int i = 0; i < LINE_FILES.size(); i++) {
                Path file = c.resolve(LINE_FILES.get(i));
                if (Files.isRegularFile(file)) {
                    lines[i].addAll(nonBlank(Files.readAllLines(file, StandardCharsets.UTF_8)));
                }
            }
            merged.add(f.index());
        }
        for (int i = 0; i < LINE_FILES.size(); i++) {
            Path target = variantDir.resolve(LINE_FILES.get(i));
            List<String> all = new ArrayList<>();
            if (Files.isRegularFile(target)) {
                for (String line : nonBlank(Files.readAllLines(target, StandardCharsets.UTF_8))) {
                    if (!merged.contains(foldOf(line))) {
                        all.add(line);
                    }
                }
            }
            all.addAll(lines[i]);
            all.sort(Comparator.comparingInt(RunAssembly::foldOf)); // stable: epochs stay in order within a fold
            if (!all.isEmpty()) {
                AtomicFiles.writeString(target, String.join("\n", all) + "\n");
            }
        }
        FoldCommit.delete(variantDir.resolve(FoldCommit.TASKS)); // the merged folds and any failed attempts
    }

    /** The folds' test results, from their {@code eval.json}, in fold order. */
    static List<EvaluationResult> results(Path variantDir, List<FoldSubjects> folds) throws IOException {
        List<EvaluationResult> out = new ArrayList<>();
        for (FoldSubjects f : folds) {
            Path eval = variantDir.resolve("fold-" + f.index()).resolve(RunLog.EVAL);
            try {
                out.add(READ.readValue(eval.toFile(), EvaluationResult.class));
            } catch (IOException e) {
                throw new IOException(eval + ": fold " + f.index() + " did not record its result (" + e.getMessage() + ")", e);
            }
        }
        return out;
    }

    /** The folds' probe scores, where probes ran. */
    static List<ProbeScores> probes(Path variantDir, List<FoldSubjects> folds) throws IOException {
        List<ProbeScores> out = new ArrayList<>();
        for (FoldSubjects f : folds) {
            Path p = variantDir.resolve("fold-" + f.index()).resolve(RunLog.PROBES);
            if (Files.isRegularFile(p)) {
                out.add(READ.readValue(p.toFile(), ProbeScores.class));
            }
        }
        return out;
    }

    private static void replace(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return; // moved by an earlier, interrupted merge
        }
        FoldCommit.delete(to);
        Files.createDirectories(to.getParent());
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int foldOf(String line) {
        try {
            return READ.readTree(line).path("fold").asInt(-1);
        } catch (IOException torn) {
            return Integer.MAX_VALUE; // readers skip a torn line; keep it last
        }
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String>[] newLines() {
        List<String>[] l = new List[LINE_FILES.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = new ArrayList<>();
        }
        return l;
    }
}
