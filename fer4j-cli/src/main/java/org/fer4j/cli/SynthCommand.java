package org.fer4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fer4j.data.Dataset;
import org.fer4j.data.synth.SyntheticConfig;
import org.fer4j.data.synth.SyntheticFaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fer4j synth}: writes the synthetic paired faces to disk in the manifest layout. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write the built-in synthetic paired faces as PNGs plus manifest.csv (path,label,subject,neutral).")
public final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "Output folder (new or empty).")
    Path out;
    @Option(names = "--subjects", defaultValue = "100", description = "Number of subjects (default: ${DEFAULT-VALUE}, as the built-in set).")
    @Range(min = 1, max = 100_000)
    int subjects;
    @Option(names = "--images-per-class", defaultValue = "3")
    @Range(min = 1, max = 1000)
    int imagesPerClass;
    @Option(names = "--size", defaultValue = "64", description = "Rendered side in pixels (default: ${DEFAULT-VALUE}).")
    @Range(min = 16, max = 1024)
    int size;
    @Option(names = "--seed", defaultValue = "42")
    long seed;
    @Option(names = "--mislabel-rate", defaultValue = "0.03")
    @Range(min = 0, max = 1)
    double mislabelRate;
    @Option(names = "--low-quality-rate", defaultValue = "0.03")
    @Range(min = 0, max = 1)
    double lowQualityRate;
    @Option(names = "--occlusion-rate", defaultValue = "0.05")
    @Range(min = 0, max = 1)
    double occlusionRate;
    @Option(names = "--confound", defaultValue = "1.0")
    @Range(min = 0, max = 10)
    double confound;

    @Override
    public Integer call() throws Exception {
        if (java.nio.file.Files.isDirectory(out)) {
            try (var entries = java.nio.file.Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new java.io.IOException(out + ": is not empty; synth writes a new data set into a new or empty"
                            + " folder (stale subject folders would sit beside the new manifest)");
                }
            }
        } else if (java.nio.file.Files.exists(out)) {
            throw new java.io.IOException(out + ": is a file, not a folder");
        }
        Dataset ds = SyntheticFaces.generate(new SyntheticConfig(subjects, imagesPerClass, size, seed, mislabelRate,
                lowQualityRate, occlusionRate, confound));
        Path manifest = SyntheticFaces.writeManifest(ds, out);
        spec.commandLine().getOut().printf("wrote %d targets of %d subjects (%d classes) and their neutral references%n"
                + "manifest: %s%n", ds.size(), ds.subjects().size(), ds.labels().size(), manifest);
        return 0;
    }
}
