package org.fer4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.data.Dataset;
import org.fer4j.data.Sample;
import org.fer4j.data.Skipped;
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

    @Option(names = "--strict", description = "Fail on the first unreadable image or bad entry instead of skipping it.")
    boolean strict;

    @Option(names = "--subjects", defaultValue = "100", description = "synth: number of subjects (default: ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--images-per-class", defaultValue = "3", description = "synth: images per subject and class (default: ${DEFAULT-VALUE}).")
    int imagesPerClass;

    @Option(names = "--synth-seed", description = "synth: generator seed (default: the run's --seed).")
    Long synthSeed;

    @Option(names = "--confound", defaultValue = "1.0", description = "synth: identity confound strength, 0 removes it (default: ${DEFAULT-VALUE}).")
    double confound;

    @Mixin
    CacheOptions cache;

    /** Lists the chosen dataset; skipped entries are reported on {@code err}. */
    public Dataset list(long seed, PrintWriter err) throws IOException {
        if ("synth".equals(dataset)) {
            SyntheticConfig c = SyntheticConfig.defaults(synthSeed != null ? synthSeed : seed).withSubjects(subjects)
                    .withImagesPerClass(imagesPerClass);
            c = new SyntheticConfig(c.subjects(), c.imagesPerClass(), c.renderSize(), c.seed(), c.mislabelRate(),
                    c.lowQualityRate(), c.occlusionRate(), confound);
            return SyntheticFaces.generate(c);
        }
        if (root == null) {
            throw new IllegalArgumentException("--dataset " + dataset + " needs --root pointing at the dataset's folder");
        }
        Dataset ds = DatasetAdapters.list(dataset, root, strict);
        reportSkipped(ds.skipped(), err);
        return ds;
    }

    /**
     * Paired models need a neutral reference per target: drops those without one and says how many
     * and why, or fails when strict.
     */
    public static Dataset requireNeutralIfPaired(Dataset ds, boolean paired, boolean strict, PrintWriter err) {
        if (!paired) {
            return ds;
        }
        List<Sample> missing = ds.samples().stream().filter(s -> !s.hasNeutral()).toList();
        if (missing.isEmpty()) {
            return ds;
        }
        if (missing.size() == ds.size()) {
            throw new IllegalArgumentException("dataset " + ds.name() + " has no neutral reference images, so the paired"
                    + " SPNDL model cannot be trained on it; use --model spndl-nn (without neutral) or baseline");
        }
        String msg = missing.size() + " of " + ds.size() + " targets have no neutral image of their subject (first: "
                + missing.get(0).id() + ")";
        if (strict) {
            throw new IllegalArgumentException(msg + "; strict mode");
        }
        err.println("fer4j: dropped " + msg + "; paired models need one (use --strict to fail instead)");
        err.flush();
        return ds.filter(Sample::hasNeutral);
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
