package org.fer4j.experiments;

import java.util.List;
import java.util.Locale;
import org.fer4j.data.Dataset;
import org.fer4j.data.Split;

/**
 * How a dataset is cut into evaluation parts: subject-independent k folds, or the dataset's official
 * train/test partition as one fold. {@link #AUTO} picks the official split where the dataset has one,
 * which is what each paper reports on that dataset.
 */
public enum Protocol {
    /** The official split where the dataset has both train and test entries, else k folds. */
    AUTO,
    /** Subject-independent k folds. */
    KFOLD,
    /** The dataset's official train/test partition, as one fold. */
    SPLIT;

    /** Parses {@code auto}, {@code kfold} or {@code split}; the error names the accepted values. */
    public static Protocol parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "kfold" -> KFOLD;
            case "split" -> SPLIT;
            default -> throw new IllegalArgumentException("unknown --protocol '" + name + "'; use auto, kfold or split");
        };
    }

    /** The protocol this one resolves to for {@code ds}: never {@link #AUTO}. */
    public Protocol resolve(Dataset ds) {
        if (this != AUTO) {
            return this;
        }
        return ds.samples().stream().anyMatch(s -> s.split() == Split.TEST)
                && ds.samples().stream().anyMatch(s -> s.split() == Split.TRAIN) ? SPLIT : KFOLD;
    }

    /** The evaluation parts of {@code ds}: subject folds, or the official split as one fold. */
    public List<FoldSubjects> folds(Dataset ds, int k, long seed, double valFraction) {
        return resolve(ds) == SPLIT ? List.of(SubjectFolds.officialSplit(ds, seed, valFraction))
                : SubjectFolds.kFold(ds, k, seed, valFraction);
    }

    /** The name written to {@code config.json}: "kfold" or "split". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
