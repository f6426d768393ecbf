package org.fer4j.training;

import org.fer4j.batches.PairedAugmentation;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fer4j.data.Dataset;
import org.fer4j.data.FaceStore;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.cache.CachedFaces;
import org.fer4j.data.cache.FaceCache;
import org.fer4j.data.synth.SyntheticConfig;
import org.fer4j.data.synth.SyntheticFaces;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.util.AtomicFiles;

/**
 * The measurement behind docs/RESULTS.md "Data pipeline and pretrained weights": the cached data
 * pipeline's samples/s against what the training step consumes, at 48 and 112 px.
 * {@code java -cp fer4j-core/target/test-classes:fer4j-cli/target/fer4j.jar org.fer4j.training.PipelineBench [subjects] [steps]}
 */
public final class PipelineBench {
    private PipelineBench() {
    }

    public static void main(String[] args) throws IOException {
        int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Dataset ds = SyntheticFaces.generate(SyntheticConfig.defaults(1).withSubjects(subjects).withImagesPerClass(3));
        Path root = Files.createTempDirectory("fer4j-bench-cache");
        System.out.printf(Locale.ROOT, "%d paired samples, %d processors, Java %s%n", ds.size(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try {
            for (int size : new int[] {48, 112}) {
                Preprocessing pre = Preprocessing.rgb(size);
                PairedAugmentation aug = new PairedAugmentation(0.5, 0.02, pre.std());
                long t = System.nanoTime();
                try (CachedFaces cached = FaceCache.open(ds, pre, new FaceCache.Options(root, false));
                     InMemoryFaces memory = InMemoryFaces.load(ds, pre, false)) {
                    System.out.printf(Locale.ROOT, "%d px: cache build %.1f s (%.0f crops/s)%n", size,
                            (System.nanoTime() - t) / 1e9, cached.stats().crops() / cached.stats().seconds());
                    for (FaceStore store : new FaceStore[] {cached, memory}) {
                        String kind = store == cached ? "cached" : "in-memory";
                        for (boolean augment : new boolean[] {true, false}) {
                            PipelineThroughput.Rate r = median(store, augment ? aug : null);
                            System.out.printf(Locale.ROOT, "%d px %-9s paired, batch 128, %-13s %8.0f samples/s, %8.0f per CPU-s%n", size,
                                    kind, augment ? "flip/noise:" : "no augment:", r.samplesPerSecond(), r.samplesPerCpuSecond());
                        }
                    }
                    PairedBatch batch = new BatchAssembler(cached, true, aug).assemble(range(32), new java.util.Random(1));
                    PairedBatch single = new BatchAssembler(cached, false, aug).assemble(range(32), new java.util.Random(1));
                    for (double width : new double[] {0.125, 1.0}) {
                        for (ModelKind kind : new ModelKind[] {ModelKind.BASELINE, ModelKind.SPNDL}) {
                            ModelSpec spec = new ModelSpec(kind, width, pre, ds.labels());
                            try (FerModel m = FerModel.create(spec, 1)) {
                                PipelineThroughput.Rate r = PipelineThroughput.trainingStep(m,
                                        TrainConfig.paperDefaults(1, 1), kind.needsNeutral() ? batch : single, 2, steps);
                                System.out.printf(Locale.ROOT, "%d px training step %-8s width %-5s batch 32: %8.1f samples/s, %8.1f per CPU-s%n",
                                        size, kind, width, r.samplesPerSecond(), r.samplesPerCpuSecond());
                            }
                        }
                    }
                }
            }
        } finally {
            AtomicFiles.deleteRecursively(root);
        }
    }

    /** The median of three timings of 20 batches of 128 pairs (by samples per second). */
    private static PipelineThroughput.Rate median(FaceStore store, PairedAugmentation aug) {
        java.util.List<PipelineThroughput.Rate> rates = new java.util.ArrayList<>();
        for (int rep = 0; rep < 3; rep++) {
            rates.add(PipelineThroughput.pipeline(store, true, aug, 128, 3, 20, 7 + rep));
        }
        rates.sort(java.util.Comparator.comparingDouble(PipelineThroughput.Rate::samplesPerSecond));
        return rates.get(1);
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
