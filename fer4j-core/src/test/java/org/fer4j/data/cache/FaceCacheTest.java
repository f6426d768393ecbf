package org.fer4j.data.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceBox;
import org.fer4j.data.FaceStore;
import org.fer4j.data.ImageRef;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;
import org.fer4j.testing.TinyFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceCacheTest {
    static final LabelSet LABELS = new LabelSet(List.of(Emotion.HAPPINESS, Emotion.SADNESS));

    @TempDir
    Path tmp;

    @Test
    void cachedTensorsEqualInMemoryTensorsExactly() throws IOException {
        Dataset mem = TinyFaces.dataset(3, 2, 5);
        Dataset files = filesDataset(tmp.resolve("img"), 4);
        for (Dataset ds : List.of(mem, files)) {
            for (Preprocessing pre : List.of(Preprocessing.rgb(32),
                    new Preprocessing(40, 1, 0.2, new float[] {0.45f}, new float[] {0.225f}))) {
                try (InMemoryFaces a = InMemoryFaces.load(ds, pre, true);
                     CachedFaces b = FaceCache.open(ds, pre, new FaceCache.Options(tmp.resolve("cache"), true))) {
                    assertSameTensors(a, b);
                }
            }
        }
    }

    @Test
    void reopeningReusesEveryCropAndAChangedSourceIsDecodedAgain() throws IOException {
        Path img = tmp.resolve("img");
        Dataset ds = filesDataset(img, 4);
        Preprocessing pre = Preprocessing.rgb(32);
        FaceCache.Options opt = new FaceCache.Options(tmp.resolve("cache"), true);
        int crops = 4 + 1; // four targets sharing one neutral reference
        try (CachedFaces first = FaceCache.open(ds, pre, opt)) {
            assertThat(first.stats().decoded()).isEqualTo(crops);
            assertThat(first.stats().reused()).isZero();
        }
        try (CachedFaces again = FaceCache.open(ds, pre, opt)) {
            assertThat(again.stats().decoded()).isZero();
            assertThat(again.stats().reused()).isEqualTo(crops);
        }
        // The user edits one image: new pixels, and its modification time moves on as any editor's save does.
        Path edited = img.resolve("t2.png");
        FileTime before = Files.getLastModifiedTime(edited);
        ImageIO.write(face(99, Color.RED), "png", edited.toFile());
        Files.setLastModifiedTime(edited, FileTime.fromMillis(before.toMillis() + 2000));
        try (CachedFaces changed = FaceCache.open(ds, pre, opt); InMemoryFaces truth = InMemoryFaces.load(ds, pre, true)) {
            assertThat(changed.stats().decoded()).isEqualTo(1);
            assertThat(changed.stats().reused()).isEqualTo(crops - 1);
            assertSameTensors(truth, changed);
        }
        // Every source replaced: all crops decoded again and the superseded segments deleted.
        for (int i = 0; i < 4; i++) {
            Path p = img.resolve("t" + i + ".png");
            ImageIO.write(face(50 + i, Color.BLUE), "png", p.toFile());
            Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 5000));
        }
        Path n = img.resolve("neutral.png");
        Files.setLastModifiedTime(n, FileTime.fromMillis(Files.getLastModifiedTime(n).toMillis() + 5000));
        try (CachedFaces all = FaceCache.open(ds, pre, opt); InMemoryFaces truth = InMemoryFaces.load(ds, pre, true)) {
            assertThat(all.stats().decoded()).isEqualTo(crops);
            assertThat(all.stats().segments()).isEqualTo(1);
            assertSameTensors(truth, all);
        }
        try (Stream<Path> s = Files.list(FaceCache.folder(opt.root(), ds.name(), pre))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("seg-")))
                    .as("only the live segment's data and index remain").hasSize(2);
        }
    }

    @Test
    void anInterruptedBuildKeepsTheSegmentsItCommitted() throws IOException {
        Dataset ds = filesDataset(tmp.resolve("img"), 9);
        Preprocessing pre = Preprocessing.rgb(32);
        int crop = pre.length();
        // Two crops per segment; the "crash" comes after the second commit, while the third segment is being filled.
        FaceCache.Options small = new FaceCache.Options(tmp.resolve("cache"), 2, true, 2L * crop);
        FaceCache.Progress crash = new FaceCache.Progress() {
            int decoded;

            @Override
            public void decoded(int done, int total) {
                if (++decoded == 5) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> FaceCache.open(ds, pre, small, crash)).hasMessageContaining("simulated crash");
        try (CachedFaces resumed = FaceCache.open(ds, pre, small); InMemoryFaces truth = InMemoryFaces.load(ds, pre, true)) {
            assertThat(resumed.stats().reused()).as("two committed segments of two crops").isEqualTo(4);
            assertThat(resumed.stats().decoded()).isEqualTo(10 - 4);
            assertSameTensors(truth, resumed);
        }
        try (Stream<Path> s = Files.list(FaceCache.folder(small.root(), ds.name(), pre))) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("seg-")).toList();
            long data = names.stream().filter(f -> f.endsWith(".bin")).count();
            long idx = names.stream().filter(f -> f.endsWith(".idx")).count();
            assertThat(data).as("the crashed build's uncommitted data file is gone").isEqualTo(idx);
        }
    }

    @Test
    void aDamagedIndexIsIgnoredAndItsCropsDecodedAgain() throws IOException {
        Dataset ds = filesDataset(tmp.resolve("img"), 3);
        Preprocessing pre = Preprocessing.rgb(32);
        FaceCache.Options opt = new FaceCache.Options(tmp.resolve("cache"), true);
        FaceCache.open(ds, pre, opt).close();
        Path idx;
        try (Stream<Path> s = Files.list(FaceCache.folder(opt.root(), ds.name(), pre))) {
            idx = s.filter(p -> p.toString().endsWith(".idx")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(idx);
        Files.write(idx, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        List<String> warnings = new ArrayList<>();
        FaceCache.Progress collect = new FaceCache.Progress() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
        try (CachedFaces again = FaceCache.open(ds, pre, opt, collect); InMemoryFaces truth = InMemoryFaces.load(ds, pre, true)) {
            assertThat(warnings).singleElement().asString().contains("truncated cache index");
            assertThat(again.stats().decoded()).isEqualTo(4);
            assertSameTensors(truth, again);
        }
    }

    @Test
    void unreadableImagesAreSkippedWithTheirReasonOrFailInStrictMode() throws IOException {
        Path img = tmp.resolve("img");
        Dataset good = filesDataset(img, 3);
        Files.write(img.resolve("corrupt.png"), new byte[] {1, 2, 3, 4, 5});
        List<Sample> samples = new ArrayList<>(good.samples());
        samples.add(Sample.of("corrupt", ImageRef.of(img.resolve("corrupt.png")), Emotion.SADNESS));
        samples.add(Sample.of("missing", ImageRef.of(img.resolve("missing.png")), Emotion.SADNESS));
        Dataset ds = new Dataset("files", LABELS, samples, List.of());
        Preprocessing pre = Preprocessing.rgb(32);
        try (CachedFaces c = FaceCache.open(ds, pre, new FaceCache.Options(tmp.resolve("cache"), false))) {
            assertThat(c.size()).isEqualTo(3);
            assertThat(c.skipped()).extracting(s -> s.source()).containsExactly("corrupt", "missing");
            assertThat(c.skipped().get(0).reason()).contains("corrupt.png");
            assertThat(c.skipped().get(1).reason()).contains("missing.png").contains("not found");
            assertThat(c.stats().failed()).isEqualTo(2);
        }
        assertThatThrownBy(() -> FaceCache.open(ds, pre, new FaceCache.Options(tmp.resolve("cache"), true)))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt.png").hasMessageContaining("strict");
    }

    @Test
    void autoModeKeepsSmallSetsInMemoryAndStreamsLargeOnes() throws IOException {
        Dataset ds = TinyFaces.dataset(2, 2, 1);
        Preprocessing pre = Preprocessing.rgb(32);
        long bytes = FaceStores.inMemoryBytes(ds, pre);
        assertThat(bytes).isEqualTo(2L * ds.size() * 3 * 32 * 32 * 4);
        FaceStores auto = new FaceStores(FaceStores.Mode.AUTO, tmp.resolve("cache"), 1);
        assertThat(auto.usesCache(ds, pre, 100 * bytes)).isFalse();
        assertThat(auto.usesCache(ds, pre, 2 * bytes)).isTrue();
        assertThat(new FaceStores(FaceStores.Mode.MEMORY, null, 1).usesCache(ds, pre, 1)).isFalse();
        try (FaceStore s = new FaceStores(FaceStores.Mode.CACHE, tmp.resolve("cache"), 1).open(ds, pre, true, null)) {
            assertThat(s).isInstanceOf(CachedFaces.class);
            assertThat(s.size()).isEqualTo(ds.size());
        }
    }

    static void assertSameTensors(FaceStore a, FaceStore b) {
        assertThat(b.size()).isEqualTo(a.size());
        int len = a.preprocessing().length();
        float[] x = new float[len];
        float[] y = new float[len];
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.sample(i)).isEqualTo(a.sample(i));
            assertThat(b.label(i)).isEqualTo(a.label(i));
            a.target(i, x, 0);
            b.target(i, y, 0);
            assertThat(y).as("target %d", i).isEqualTo(x);
            assertThat(b.hasNeutral(i)).isEqualTo(a.hasNeutral(i));
            if (a.hasNeutral(i)) {
                a.neutral(i, x, 0);
                b.neutral(i, y, 0);
                assertThat(y).as("neutral %d", i).isEqualTo(x);
            }
        }
    }

    /** {@code n} target PNGs (one with a face box) sharing one neutral reference. */
    static Dataset filesDataset(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        ImageIO.write(face(-1, Color.GRAY), "png", dir.resolve("neutral.png").toFile());
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("t" + i + ".png");
            ImageIO.write(face(i, Color.ORANGE), "png", p.toFile());
            FaceBox box = i == 1 ? new FaceBox(10, 8, 30, 34) : null;
            samples.add(new Sample("t" + i, ImageRef.of(p), LABELS.get(i % 2), "S1", null, Split.UNSPECIFIED,
                    ImageRef.of(dir.resolve("neutral.png")), box, null));
        }
        return new Dataset("files", LABELS, samples, List.of());
    }

    static BufferedImage face(int variant, Color skin) {
        BufferedImage img = new BufferedImage(48, 52, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(skin);
        g.fillRect(0, 0, 48, 52);
        if (variant >= 0) {
            g.setColor(new Color((variant * 53) % 256, (variant * 97) % 256, (variant * 31) % 256));
            g.fillOval(8 + variant % 5, 14 + variant % 7, 30, 12);
        }
        g.dispose();
        return img;
    }
}
