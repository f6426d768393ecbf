package org.fer4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.data.Dataset;
import org.fer4j.data.Skipped;
import org.fer4j.data.adapters.Listing;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.experiments.FoldsFile;
import org.fer4j.experiments.Protocol;
import org.fer4j.experiments.SubjectFolds;
import org.fer4j.data.synth.SyntheticConfig;
import org.fer4j.data.synth.SyntheticFaces;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which dataset a command reads: the built-in synthetic faces, or a dataset on disk in its own layout. */
public final class DataOptions {
    @Option(names = "--dataset", defaultValue = "synth", description = "synth (built in), or a dataset layout on disk (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--root", description = "Root folder of the dataset on disk.")
    Path root;

    @Option(names = "--reversed-pairs", description = "Every pair in both orders, the neutral face against its target"
            + " labelled neutral: the training set of a neutral ranker (a paired model for video --neutral auto"
            + " --neutral-model).")
    boolean reversedPairs;

    @Option(names = "--strict", description = "Fail on the first unreadable image or bad entry instead of skipping it.")
    boolean strict;

    @Option(names = "--subjects", defaultValue = "100", description = "synth: number of subjects (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 100_000)
    int subjects;

    @Option(names = "--images-per-class", defaultValue = "3", description = "synth: images per subject and class (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1000)
    int imagesPerClass;

    @Option(names = "--synth-seed", description = "synth: generator seed (default: the run's --seed).")
    Long synthSeed;

    @Option(names = "--confound", defaultValue = "1.0", description = "synth: identity confound strength, 0 removes it (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 10)
    double confound;

    @Option(names = "--protocol", defaultValue = "auto", description = "kfold (subject folds, --folds), split (the dataset's"
            + " official train/test partition), or auto: split where the dataset has one, else kfold (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--folds-file", paramLabel = "FILE", description = "Use a given split instead of drawing one: a fer4j"
            + " folds.json (another run's, or a paper's) or a CSV with columns subject,fold (each fold's test subjects).")
    Path foldsFile;

    @Option(names = "--repeats", defaultValue = "1", description = "Repeat k-fold cross-validation with R fold seeds;"
            + " rows are then compared on all R·k paired folds with the corrected resampled t-test (default: ${DEFAULT-VALUE},"
            + " the papers' protocol).")
    @Range(min = 1, max = 100)
    int repeats;

    @Mixin
    CacheOptions cache;

    /** Lists the chosen dataset; skipped entries are reported on {@code err}. */
    public Dataset list(long seed, PrintWriter err) throws IOException {
        Dataset ds = listAsIs(seed, err);
        return reversedPairs ? org.fer4j.data.ReversedPairs.of(ds) : ds;
    }

    private Dataset listAsIs(long seed, PrintWriter err) throws IOException {
        if ("synth".equals(dataset)) {
            if (root != null) {
                throw new IllegalArgumentException("--root " + root + " is ignored by --dataset synth (generated in"
                        + " memory); give --dataset manifest --root " + root + " for faces written by 'fer4j synth'");
            }
            SyntheticConfig c = SyntheticConfig.defaults(synthSeed != null ? synthSeed : seed).withSubjects(subjects)
                    .withImagesPerClass(imagesPerClass);
            c = new SyntheticConfig(c.subjects(), c.imagesPerClass(), c.renderSize(), c.seed(), c.mislabelRate(),
                    c.lowQualityRate(), c.occlusionRate(), confound);
            return SyntheticFaces.generate(c);
        }
        Listing listing = DatasetAdapters.listing(dataset, root, strict);
        reportExcluded(listing.excluded(), err);
        reportSkipped(listing.dataset().skipped(), err);
        Dataset ds;
        try {
            ds = listing.requireUsable();
        } catch (IOException e) {
            throw new IOException(root + ": " + e.getMessage(), e);
        }
        long anonymous = ds.samples().stream().filter(s -> s.subject() == null || s.subject().isBlank()).count();
        if (anonymous > 0) {
            // Each such image becomes its own "subject": folds can then put one person's images on both sides.
            err.println("fer4j: " + root + ": " + anonymous + " of " + ds.size() + " samples name no subject; each counts"
                    + " as a subject of its own, so subject-independent folds cannot keep a person's images together"
                    + " (add a 'subject' column)");
            err.flush();
        }
        return ds;
    }

    /** The protocol {@code --protocol} resolves to for {@code ds}: never AUTO. */
    public Protocol protocolFor(Dataset ds) {
        return Protocol.parse(protocol).resolve(ds);
    }

    /** The evaluation parts: subject folds, or the official split as one fold. */
    public List<FoldSubjects> folds(Dataset ds, int k, long seed, double valFraction) throws IOException {
        if (repeats != 1 && (foldsFile != null || protocolFor(ds) != Protocol.KFOLD)) {
            throw new IllegalArgumentException("--repeats " + repeats + " needs subject folds drawn by fer4j"
                    + " (--protocol kfold, no --folds-file)");
        }
        if (foldsFile != null) {
            return FoldsFile.read(foldsFile, ds, seed, valFraction);
        }
        return repeats > 1 ? SubjectFolds.repeatedKFold(ds, k, seed, valFraction, repeats)
                : Protocol.parse(protocol).folds(ds, k, seed, valFraction);
    }

    static void reportExcluded(List<Skipped> excluded, PrintWriter err) {
        if (excluded.isEmpty()) {
            return;
        }
        Map<String, Integer> byReason = new TreeMap<>();
        excluded.forEach(s -> byReason.merge(s.reason(), 1, Integer::sum));
        err.println("fer4j: the protocol leaves out " + excluded.size() + " entr" + (excluded.size() == 1 ? "y" : "ies")
                + " (" + byReason.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey()).limit(3)
                .reduce((a, b) -> a + "; " + b).orElse("") + (byReason.size() > 3 ? "; …" : "")
                + "); fer4j datasets inspect lists them");
        err.flush();
    }

    /** Paired models need a neutral reference per target: see {@link Dataset#withNeutralReferences}. */
    public static Dataset requireNeutralIfPaired(Dataset ds, boolean paired, boolean strict, PrintWriter err) {
        if (!paired) {
            return ds;
        }
        return ds.withNeutralReferences(strict, msg -> {
            err.println("fer4j: " + msg);
            err.flush();
        });
    }

    static void reportSkipped(List<Skipped> skipped, PrintWriter err) {
        if (skipped.isEmpty()) {
            return;
        }
        Map<String, Integer> byReason = new TreeMap<>();
        for (Skipped s : skipped) {
            String reason = s.reason().replaceAll("^.*?: ", "");
            byReason.merge(reason.length() > 100 ? reason.substring(0, 100) : reason, 1, Integer::sum);
        }
        err.println("fer4j: skipped " + skipped.size() + " entr" + (skipped.size() == 1 ? "y" : "ies") + ":");
        byReason.forEach((r, n) -> err.println("  " + n + " × " + r));
        err.println("  first: " + skipped.get(0));
        err.flush();
    }
}
