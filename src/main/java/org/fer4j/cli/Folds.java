package org.fer4j.cli;

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
import org.fer4j.experiments.FoldSubjects;

/** Turns a dataset into subject-independent folds for the experiment commands. */
final class Folds {
    private Folds() {
    }

    static List<FoldSubjects> make(Dataset ds, int k, long seed, double valFraction) {
        Map<String, Integer> counts = new HashMap<>();
        for (Sample s : ds.samples()) {
            counts.merge(Dataset.subjectOf(s), 1, Integer::sum);
        }
        List<String> subjects = new ArrayList<>(ds.subjects());
        int folds = k <= 0 ? subjects.size() : k;
        if (folds < 2 || folds > subjects.size()) {
            throw new IllegalArgumentException("cannot draw " + folds + " subject folds from " + subjects.size()
                    + " subjects; use between 2 and " + subjects.size() + " folds");
        }
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
            Set<String> test = new HashSet<>(parts.get(f));
            List<String> rest = new ArrayList<>();
            for (int g = 0; g < folds; g++) {
                if (g != f) {
                    rest.addAll(parts.get(g));
                }
            }
            Collections.sort(rest);
            Collections.shuffle(rest, new Random(seed * 31 + f));
            int nVal = (int) Math.round(valFraction * rest.size());
            Set<String> val = new HashSet<>(rest.subList(0, nVal));
            Set<String> train = new HashSet<>(rest.subList(nVal, rest.size()));
            out.add(new FoldSubjects(f, train, val, test));
        }
        return out;
    }
}
