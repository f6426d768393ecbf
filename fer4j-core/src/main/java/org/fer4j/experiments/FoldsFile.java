package org.fer4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fer4j.data.Dataset;
import org.fer4j.data.Sample;

/**
 * A split given from outside: a paper's published folds, or another tool's, so that two runs (fer4j and
 * PyTorch, say) test on the same subjects. Reads a fer4j {@code folds.json} (train, validation and test
 * kept as written) or a CSV with columns {@code subject,fold} (each fold's test subjects; training is
 * every other subject, with {@code valFraction} of it held out for checkpoint selection as usual).
 * No unknown subject may appear and none may be tested twice; a CSV tests every subject once, and each
 * fold of a folds.json (which may hold only the folds a run used) places every subject in one part.
 */
public final class FoldsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FoldsFile() {
    }

    /**
     * @throws IOException              the file cannot be read or parsed (naming it)
     * @throws IllegalArgumentException naming the file and the subjects that are unknown, left out or in
     *                                  two folds
     */
    public static List<FoldSubjects> read(Path file, Dataset ds, long seed, double valFraction) throws IOException {
        Set<String> known = new TreeSet<>();
        for (Sample s : ds.samples()) {
            known.add(Dataset.subjectOf(s));
        }
        boolean json = file.getFileName().toString().toLowerCase().endsWith(".json");
        List<FoldSubjects> folds = json ? readJson(file) : readCsv(file, known, seed, valFraction);
        check(file, folds, known, !json);
        return folds;
    }

    private static List<FoldSubjects> readJson(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a folds.json (" + org.fer4j.util.JsonErrors.describe(e) + ")", e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected a JSON array of folds with train, validation and test");
        }
        List<FoldSubjects> out = new ArrayList<>();
        for (JsonNode f : root) {
            if (!f.path("test").isArray() || !f.path("train").isArray()) {
                throw new IllegalArgumentException(file + ": fold " + out.size() + " has no train and test subject lists");
            }
            out.add(new FoldSubjects(out.size(), names(f.path("train")), names(f.path("validation")), names(f.path("test"))));
        }
        return out;
    }

    private static void requireText(Path file) throws IOException {
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)));
    }

    private static Set<String> names(JsonNode array) {
        Set<String> s = new HashSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    private static List<FoldSubjects> readCsv(Path file, Set<String> known, long seed, double valFraction)
            throws IOException {
        Map<String, Set<String>> testByFold = new TreeMap<>(FoldsFile::compareFoldIds);
        Map<String, String> foldOf = new LinkedHashMap<>();
        try {
            requireText(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not a folds file (not UTF-8 text); give folds.json or a subject,fold CSV", e);
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                    .build().parse(r)) {
                if (!rec.isMapped("subject") || !rec.isMapped("fold")) {
                    throw new IllegalArgumentException(file + ": expected the columns subject,fold");
                }
                String subject = rec.get("subject");
                String fold = rec.get("fold");
                String before = foldOf.putIfAbsent(subject, fold);
                if (before != null && !before.equals(fold)) {
                    throw new IllegalArgumentException(file + " line " + rec.getRecordNumber() + ": subject " + subject
                            + " is in fold " + before + " and in fold " + fold);
                }
                testByFold.computeIfAbsent(fold, k -> new HashSet<>()).add(subject);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(file + ": unreadable CSV (" + e.getMessage() + ")", e);
        }
        if (testByFold.size() < 2) {
            throw new IllegalArgumentException(file + ": needs at least 2 folds, found " + testByFold.size());
        }
        List<FoldSubjects> out = new ArrayList<>();
        for (Set<String> test : testByFold.values()) {
            List<String> rest = new ArrayList<>(known);
            rest.removeAll(test);
            out.add(SubjectFolds.withValidation(out.size(), rest, test, seed * 31 + out.size(), valFraction));
        }
        return out;
    }

    private static int compareFoldIds(String a, String b) {
        try {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /**
     * No unknown subject, none tested twice; a CSV must test every subject once, and every fold of a
     * folds.json (which may list only the folds a run used) must place every subject somewhere.
     */
    private static void check(Path file, List<FoldSubjects> folds, Set<String> known, boolean testsEverySubject) {
        Set<String> unknown = new TreeSet<>();
        Map<String, Integer> testedIn = new TreeMap<>();
        for (FoldSubjects f : folds) {
            for (Set<String> part : List.of(f.train(), f.validation(), f.test())) {
                for (String s : part) {
                    if (!known.contains(s)) {
                        unknown.add(s);
                    }
                }
            }
            for (String s : f.test()) {
                Integer before = testedIn.putIfAbsent(s, f.index());
                if (before != null) {
                    throw new IllegalArgumentException(file + ": subject " + s + " is tested in fold " + before
                            + " and in fold " + f.index());
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + unknown.size() + " subject(s) not in the dataset: "
                    + abbreviate(unknown));
        }
        if (!testsEverySubject) {
            for (FoldSubjects f : folds) {
                Set<String> placed = new TreeSet<>(known);
                placed.removeAll(f.train());
                placed.removeAll(f.validation());
                placed.removeAll(f.test());
                if (!placed.isEmpty()) {
                    throw new IllegalArgumentException(file + ": fold " + f.index() + " leaves out " + placed.size()
                            + " subject(s) of the dataset: " + abbreviate(placed));
                }
            }
            return;
        }
        Set<String> untested = new TreeSet<>(known);
        untested.removeAll(testedIn.keySet());
        if (!untested.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + untested.size() + " subject(s) of the dataset are in no"
                    + " fold's test set: " + abbreviate(untested));
        }
    }

    private static String abbreviate(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        return l.size() <= 8 ? String.join(", ", l) : String.join(", ", l.subList(0, 8)) + " and " + (l.size() - 8) + " more";
    }

    /** A hash of the split (every fold's train, validation and test subjects), for {@code config.json}. */
    public static String hash(List<FoldSubjects> folds) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (FoldSubjects f : folds) {
                md.update((f.index() + "|" + f.train() + "|" + f.validation() + "|" + f.test() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
