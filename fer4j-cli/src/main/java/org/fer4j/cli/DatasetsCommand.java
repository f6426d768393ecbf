package org.fer4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.fer4j.data.Dataset;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.data.Skipped;
import org.fer4j.data.adapters.Adapters;
import org.fer4j.data.adapters.DatasetAdapter;
import org.fer4j.data.adapters.Listing;
import org.fer4j.data.adapters.ListingReport;
import org.fer4j.runs.RunLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fer4j datasets}: the dataset layouts fer4j reads, and a check of a copy on disk before training on it. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Dataset layouts: list them, or inspect a copy on disk.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.InspectCommand.class})
public final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code fer4j datasets list}: every adapter's name, protocol, layout and label map. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The datasets fer4j reads, their layouts and label codes.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("synth       the built-in synthetic paired faces (no --root)");
            for (DatasetAdapter a : Adapters.all()) {
                out.printf("%-11s %s%n", a.name(), a.description());
                out.printf("%-11s layout: %s%n", "", a.layout());
                out.printf("%-11s labels (%s):%n%s", "", a.labelMap().dataset(), a.labelMap().toTable().indent(11).stripTrailing()
                        .concat("\n"));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code fer4j datasets inspect}: counts per class, subjects, pairs, and everything left out with the reason. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "List a dataset on disk and report counts per class, subjects, pairs and what was skipped and why;"
                    + " exits 2 when nothing usable remains.")
    static final class InspectCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, description = "ckplus, oulu, rafdb, affectnet, affectnet8, fer2013, jaffe, folder, manifest.")
        String dataset;

        @Option(names = "--root", required = true, description = "Root folder of the dataset (for fer2013 and manifest also the CSV file).")
        Path root;

        @Option(names = "--strict", description = "Fail on the first problem instead of reporting it.")
        boolean strict;

        @Option(names = "--decode", description = "Also decode every image (slow on large sets) and report unreadable ones.")
        boolean decode;

        @Option(names = "--examples", defaultValue = "3", description = "Entries shown per reason; 0 shows all (default: ${DEFAULT-VALUE}).")
        @Range(min = 0, max = 100_000)
        int examples;

        @Option(names = "--json", description = "Also write the report as JSON to this file.")
        Path json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            DatasetAdapter adapter = Adapters.get(dataset);
            Listing listing = DatasetAdapters.listing(adapter.name(), root, strict);
            if (decode) {
                listing = decoded(listing);
            }
            ListingReport report = ListingReport.of(listing, adapter.description());
            out.println("root: " + root.toAbsolutePath());
            out.print(report.toText(examples));
            out.flush();
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("root", root.toAbsolutePath().toString());
                m.put("report", report);
                new RunLog(json.toAbsolutePath().getParent()).writeJson(json, m);
            }
            if (report.samples() == 0) {
                err.println("fer4j: no usable samples in " + root + " as --dataset " + adapter.name() + "; see the reasons above");
                return Fer4j.BAD_INPUT;
            }
            return 0;
        }

        /** Decodes every target and neutral image in parallel; unreadable ones move the sample to the problems. */
        private Listing decoded(Listing listing) throws IOException {
            Dataset ds = listing.dataset();
            Map<String, String> failures = new ConcurrentHashMap<>();
            List<ImageRef> refs = new ArrayList<>();
            Map<String, Boolean> seen = new LinkedHashMap<>();
            for (Sample s : ds.samples()) {
                for (ImageRef r : s.hasNeutral() ? List.of(s.image(), s.neutral()) : List.of(s.image())) {
                    if (seen.put(r.describe(), true) == null) {
                        refs.add(r);
                    }
                }
            }
            IntStream.range(0, refs.size()).parallel().forEach(i -> {
                try {
                    var img = refs.get(i).read();
                    if (img.getWidth() < Preprocessing.MIN_SOURCE_SIDE || img.getHeight() < Preprocessing.MIN_SOURCE_SIDE) {
                        failures.put(refs.get(i).describe(), "image is " + img.getWidth() + "x" + img.getHeight()
                                + " px, too small for a face crop");
                    }
                } catch (IOException | RuntimeException e) {
                    failures.put(refs.get(i).describe(), String.valueOf(e.getMessage()));
                }
            });
            List<Sample> kept = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>(ds.skipped());
            for (Sample s : ds.samples()) {
                String bad = failures.containsKey(s.image().describe()) ? s.image().describe()
                        : s.hasNeutral() && failures.containsKey(s.neutral().describe()) ? s.neutral().describe() : null;
                if (bad == null) {
                    kept.add(s);
                    continue;
                }
                String reason = "unreadable image: " + failures.get(bad).replace(bad + ": ", "")
                        + (bad.equals(s.image().describe()) ? "" : " (its neutral reference)");
                if (strict) {
                    throw new IOException(dataset + ": " + bad + ": " + reason + " (--strict stops at the first problem)");
                }
                skipped.add(new Skipped(bad, reason));
            }
            return new Listing(new Dataset(ds.name(), ds.labels(), kept, skipped), listing.excluded(), listing.notes());
        }
    }
}
