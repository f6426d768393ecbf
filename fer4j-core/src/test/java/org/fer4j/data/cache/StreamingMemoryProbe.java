package org.fer4j.data.cache;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedAugmentation;
import org.fer4j.batches.PairedBatch;

/**
 * Run in its own small-heap JVM by {@link StreamingMemoryTest}: writes {@code n} tiny BMP faces (a
 * neutral reference per 20 targets), builds the face cache, streams every pair through the batch
 * assembler, and prints heap and resident-memory figures as {@code key=value} lines.
 */
public final class StreamingMemoryProbe {
    private StreamingMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        LabelSet labels = new LabelSet(List.of(Emotion.HAPPINESS, Emotion.SADNESS, Emotion.SURPRISE));
        long t0 = System.nanoTime();
        Dataset ds = writeFaces(dir.resolve("img"), n, labels);
        long t1 = System.nanoTime();
        Preprocessing pre = Preprocessing.rgb(32);
        long baseline = usedHeapAfterGc();
        try (CachedFaces faces = FaceCache.open(ds, pre, new FaceCache.Options(dir.resolve("cache"), 2, true,
                FaceCache.Options.DEFAULT_SEGMENT_BYTES))) {
            long t2 = System.nanoTime();
            long opened = usedHeapAfterGc();
            BatchAssembler assembler = new BatchAssembler(faces, true,
                    new PairedAugmentation(0.5, 0.0, pre.std()), null);
            Random rng = new Random(1);
            int batch = 64;
            long maxDuring = 0;
            double checksum = 0;
            int batches = 0;
            for (int start = 0; start < faces.size(); start += batch) {
                int[] idx = new int[Math.min(batch, faces.size() - start)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = start + i;
                }
                PairedBatch b = assembler.assemble(idx, rng);
                checksum += b.targets()[0] + b.neutrals()[b.neutrals().length - 1];
                if (++batches % 40 == 0) {
                    maxDuring = Math.max(maxDuring, usedHeapAfterGc());
                }
            }
            long t3 = System.nanoTime();
            maxDuring = Math.max(maxDuring, usedHeapAfterGc());
            System.out.println("samples=" + faces.size());
            System.out.println("crops=" + faces.stats().crops());
            System.out.println("payload_float_bytes=" + FaceStores.inMemoryBytes(ds, pre));
            System.out.println("heap_baseline=" + baseline);
            System.out.println("heap_opened=" + opened);
            System.out.println("heap_max_streaming=" + maxDuring);
            System.out.println("rss_peak=" + peakRss());
            System.out.println("write_s=" + (t1 - t0) / 1e9);
            System.out.println("build_s=" + (t2 - t1) / 1e9);
            System.out.println("stream_s=" + (t3 - t2) / 1e9);
            System.out.println("checksum=" + checksum);
        }
    }

    static long usedHeapAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return mx.getHeapMemoryUsage().getUsed();
    }

    /** Peak resident set size in bytes from /proc (Linux), or -1 elsewhere. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** {@code n} 20×20 24-bit BMPs written byte by byte (fast), one neutral per 20 targets. */
    static Dataset writeFaces(Path dir, int n, LabelSet labels) throws IOException {
        Files.createDirectories(dir);
        List<Sample> samples = new ArrayList<>(n);
        Random rng = new Random(7);
        ImageRef neutral = null;
        for (int i = 0; i < n; i++) {
            String subject = "S" + (i / 20);
            if (i % 20 == 0) {
                Path p = dir.resolve(subject + "_neutral.bmp");
                Files.write(p, bmp(rng, -1));
                neutral = ImageRef.of(p);
            }
            int k = i % labels.size();
            Path p = dir.resolve(subject + "_" + i + ".bmp");
            Files.write(p, bmp(rng, k));
            samples.add(new Sample("s" + i, ImageRef.of(p), labels.get(k), subject, null, Split.UNSPECIFIED, neutral,
                    null, null));
        }
        return new Dataset("stream", labels, samples, List.of());
    }

    static byte[] bmp(Random rng, int cls) {
        int w = 20, h = 20, row = w * 3, size = 54 + row * h;
        byte[] b = new byte[size];
        b[0] = 'B';
        b[1] = 'M';
        le(b, 2, size);
        le(b, 10, 54);
        le(b, 14, 40);
        le(b, 18, w);
        le(b, 22, h);
        b[26] = 1;
        b[28] = 24;
        le(b, 34, row * h);
        int skin = 120 + rng.nextInt(100);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = 54 + y * row + 3 * x;
                boolean bar = cls >= 0 && y >= 3 + 5 * cls && y < 6 + 5 * cls;
                int v = bar ? 20 : skin + rng.nextInt(8);
                b[o] = (byte) (v * 0.7);
                b[o + 1] = (byte) (v * 0.8);
                b[o + 2] = (byte) v;
            }
        }
        return b;
    }

    private static void le(byte[] b, int off, int v) {
        for (int k = 0; k < 4; k++) {
            b[off + k] = (byte) (v >>> (8 * k));
        }
    }
}
