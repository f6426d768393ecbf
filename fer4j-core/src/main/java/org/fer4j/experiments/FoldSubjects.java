package org.fer4j.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fer4j.data.Dataset;
import org.fer4j.data.FaceStore;

/**
 * One fold as subject sets: training subjects, validation subjects (taken from the training side, for
 * checkpoint selection) and test subjects. Subject-disjoint by construction.
 */
public record FoldSubjects(int index, Set<String> train, Set<String> validation, Set<String> test) {
    public FoldSubjects {
        train = sorted(train);
        validation = sorted(validation);
        test = sorted(test);
        for (String s : test) {
            if (train.contains(s) || validation.contains(s)) {
                throw new IllegalArgumentException("fold " + index + ": subject " + s + " is on both sides");
            }
        }
        for (String s : validation) {
            if (train.contains(s)) {
                throw new IllegalArgumentException("fold " + index + ": subject " + s + " is in training and validation");
            }
        }
    }

    /** Sorted, so that folds.json lists subjects in the same order on every run. */
    private static Set<String> sorted(Set<String> subjects) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(subjects));
    }

    /** Indices of the store's samples whose subject is in {@code subjects}, ascending. */
    public static int[] indices(FaceStore store, Set<String> subjects) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < store.size(); i++) {
            if (subjects.contains(Dataset.subjectOf(store.sample(i)))) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
