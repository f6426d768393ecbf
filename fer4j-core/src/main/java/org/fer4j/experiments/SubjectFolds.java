package org.fer4j.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.fer4j.data.Dataset;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;

/**
 * Draws the papers' evaluation parts as {@link FoldSubjects}: a pure function of the subjects (with their
 * sample counts), the number of folds and the seed. Folds are over <em>subjects</em>, never images, so no
 * subject is on both sides; samples without a subject count as their own subject. The validation part for
 * checkpoint selection is always taken from the training subjects, never from the test fold.
 */
public final class SubjectFolds {
    private SubjectFolds() {
    }

    /**
     * Subject-independent k-fold: subjects shuffled by {@code seed}, then assigned largest first to the fold
     * with the fewest samples so far, which balances folds by sample count as far as subjects allow.
     *
     * @param k           number of folds; 0 = leave one subject out
     * @param valFraction share of each fold's training subjects held out for checkpoint selection
     * @throws IllegalArgumentException when there are too few subjects for {@code k} folds
     */
    public static List<FoldSubjects> kFold(Dataset ds, int k, long seed, double valFraction) {
        requireFraction(valFraction);
        Map<String, Integer> counts = counts(ds.samples());
        List<String> subjects = new ArrayList<>(counts.keySet());
        int folds = k <= 0 ? subjects.size() : k;
        if (folds < 2 || folds > subjects.size()) {
            throw new IllegalArgumentException("cannot draw " + folds + " subject folds from " + subjects.size()
                    + " subjects; use between 2 and " + subjects.size() + " folds");
        }
        Collections.sort(subjects); // the listing order of the dataset must not matter
        Collections.shuffle(subjects, new Random(seed));
        subjects.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
        List<List<String>> parts = new ArrayList<>();
        long[] load = new long[folds];
        for (int i = 0; i < folds; i++) {
            parts.add(new ArrayList<>());
        }
        for (String s : subjects) {
            int best = 0;
            for (int i = 1; i < folds; i++) {
                if (load[i] < load[best]) {
                    best = i;
                }
            }
            parts.get(best).add(s);
            load[best] += counts.get(s);
        }
        List<FoldSubjects> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<String> rest = new ArrayList<>();
            for (int g = 0; g < folds; g++) {
                if (g != f) {
                    rest.addAll(parts.get(g));
                }
            }
            out.add(withValidation(f, rest, new HashSet<>(parts.get(f)), seed * 31 + f, valFraction));
        }
        return out;
    }

    /**
     * {@code repeats} independent k-fold partitions (fold seeds {@code seed}, {@code seed + 1000003}, …),
     * numbered 0 … repeats·k − 1: repeated cross-validation, whose paired fold differences
     * {@code evaluation.PairedComparison} tests. One repeat is {@link #kFold}.
     */
    public static List<FoldSubjects> repeatedKFold(Dataset ds, int k, long seed, double valFraction, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        if (repeats == 1) {
            return kFold(ds, k, seed, valFraction);
        }
        List<FoldSubjects> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (FoldSubjects f : kFold(ds, k, seed + 1_000_003L * r, valFraction)) {
                out.add(new FoldSubjects(out.size(), f.train(), f.validation(), f.test()));
            }
        }
        return out;
    }

    /**
     * The dataset's official partition as one fold (RAF-DB, FER2013, AffectNet): test = the TEST split;
     * validation = the VALIDATION split where the dataset has one, else {@code valFraction} of the training
     * subjects; training = the rest of TRAIN. Samples of no split are not used.
     *
     * @throws IllegalArgumentException when the dataset has no test or no training split, or a subject is in both
     */
    public static FoldSubjects officialSplit(Dataset ds, long seed, double valFraction) {
        requireFraction(valFraction);
        Set<String> train = subjectsOf(ds, Split.TRAIN);
        Set<String> val = subjectsOf(ds, Split.VALIDATION);
        Set<String> test = subjectsOf(ds, Split.TEST);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("dataset " + ds.name() + " has " + train.size() + " training and "
                    + test.size() + " test subjects in its official split; use --protocol kfold for subject folds");
        }
        for (Set<String> other : List.of(val, test)) {
            for (String s : other) {
                if (train.contains(s)) {
                    throw new IllegalArgumentException("dataset " + ds.name() + ": subject " + s + " is in the training"
                            + " split and in another, so the official split is not subject-independent");
                }
            }
        }
        if (!val.isEmpty()) {
            return new FoldSubjects(0, train, val, test);
        }
        List<String> rest = new ArrayList<>(train);
        return withValidation(0, rest, test, seed * 31, valFraction);
    }

    static FoldSubjects withValidation(int index, List<String> trainSide, Set<String> test, long seed,
                                               double valFraction) {
        List<String> rest = new ArrayList<>(trainSide);
        Collections.sort(rest);
        Collections.shuffle(rest, new Random(seed));
        int nVal = (int) Math.round(valFraction * rest.size());
        return new FoldSubjects(index, new HashSet<>(rest.subList(nVal, rest.size())),
                new HashSet<>(rest.subList(0, nVal)), test);
    }

    private static Set<String> subjectsOf(Dataset ds, Split split) {
        Set<String> out = new HashSet<>();
        for (Sample s : ds.samples()) {
            if (s.split() == split) {
                out.add(Dataset.subjectOf(s));
            }
        }
        return out;
    }

    private static Map<String, Integer> counts(List<Sample> samples) {
        Map<String, Integer> counts = new HashMap<>();
        for (Sample s : samples) {
            counts.merge(Dataset.subjectOf(s), 1, Integer::sum);
        }
        return counts;
    }

    private static void requireFraction(double valFraction) {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + valFraction);
        }
    }
}
