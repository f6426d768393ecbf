package org.fer4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticFacesTest {
    static final SyntheticConfig SMALL = SyntheticConfig.defaults(7).withSubjects(6).withImagesPerClass(2);

    @Test
    void sameSeedGivesIdenticalPixelsAndAnotherSeedDiffers() throws Exception {
        Dataset a = SyntheticFaces.generate(SMALL);
        Dataset b = SyntheticFaces.generate(SMALL);
        Dataset c = SyntheticFaces.generate(SMALL.withSeed(8));
        int differing = 0;
        for (int i = 0; i < a.size(); i++) {
            assertThat(pixels(a.samples().get(i).image().read())).containsExactly(pixels(b.samples().get(i).image().read()));
            assertThat(a.samples().get(i).label()).isEqualTo(b.samples().get(i).label());
            if (!java.util.Arrays.equals(pixels(a.samples().get(i).image().read()), pixels(c.samples().get(i).image().read()))) {
                differing++;
            }
        }
        assertThat(differing).isEqualTo(a.size());
        // a subject's images do not depend on how many subjects are generated
        Dataset more = SyntheticFaces.generate(SMALL.withSubjects(9));
        assertThat(pixels(more.samples().get(5).image().read())).containsExactly(pixels(a.samples().get(5).image().read()));
    }

    @Test
    void everySequenceHasOneNeutralFirstFrameSharingItsSession() throws Exception {
        Dataset ds = SyntheticFaces.generate(SMALL);
        assertThat(ds.size()).isEqualTo(6 * 7 * 2);
        assertThat(ds.subjects()).hasSize(6);
        Map<String, Set<Object>> neutrals = ds.samples().stream().collect(Collectors.groupingBy(
                s -> s.subject() + "/" + s.sequence(), Collectors.mapping(s -> (Object) s.neutral(), Collectors.toSet())));
        assertThat(neutrals).hasSize(6 * 7 * 2);
        neutrals.values().forEach(n -> assertThat(n).hasSize(1));
        assertThat(ds.labels().classes()).doesNotContain(Emotion.NEUTRAL).hasSize(7);
        // Frames of one session share lighting and pose: a target is closer to its own sequence's
        // neutral frame than to the same person's neutral frame from another session.
        int closerToOwn = 0;
        int compared = 0;
        for (Sample t : ds.samples()) {
            for (Sample other : ds.samples()) {
                if (other.subject().equals(t.subject()) && other != t) {
                    compared++;
                    if (meanAbsDiff(t.image().read(), t.neutral().read()) < meanAbsDiff(t.image().read(), other.neutral().read())) {
                        closerToOwn++;
                    }
                    break;
                }
            }
        }
        assertThat((double) closerToOwn / compared).isGreaterThan(0.8);
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        double sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int sh = 0; sh <= 16; sh += 8) {
                sum += Math.abs(((pa[i] >> sh) & 0xff) - ((pb[i] >> sh) & 0xff));
            }
        }
        return sum / (3.0 * pa.length);
    }

    @Test
    void identityConfoundsExpressionOnTheGeneratorsParameters() {
        SyntheticFaces.Generated g = SyntheticFaces.generateWithInfo(
                new SyntheticConfig(120, 3, 64, 3, 0, 0, 0, 1.0));
        Map<String, FaceGeometry> resting = g.subjects().stream()
                .collect(Collectors.toMap(SubjectTraits::id, SubjectTraits::resting));
        // Nearest class mean fitted on the first half of the subjects, tested on the other half.
        Set<String> fitSubjects = new HashSet<>(g.subjects().stream().limit(60).map(SubjectTraits::id).toList());
        double targetOnly = nearestMeanAccuracy(g.targets(), fitSubjects, t -> t.geometry().toArray());
        double difference = nearestMeanAccuracy(g.targets(), fitSubjects,
                t -> minus(t.geometry().toArray(), resting.get(t.subject()).toArray()));
        assertThat(difference).isGreaterThan(targetOnly + 0.2);
        assertThat(targetOnly).isGreaterThan(1.0 / 7);
        // Resting traits overlap expression cues: some people's resting mouth is as down-turned as
        // others' sad mouth, and some resting eyes are as narrow as others' narrowed eyes.
        double meanSadMouth = g.targets().stream().filter(t -> t.trueLabel() == Emotion.SADNESS)
                .mapToDouble(t -> t.geometry().mouthCurve()).average().orElseThrow();
        assertThat(g.subjects().stream().filter(s -> s.resting().mouthCurve() <= meanSadMouth).count()).isGreaterThan(3);
        double meanAngryBrow = g.targets().stream().filter(t -> t.trueLabel() == Emotion.ANGER)
                .mapToDouble(t -> t.geometry().browSlant()).average().orElseThrow();
        assertThat(g.subjects().stream().filter(s -> s.resting().browSlant() >= meanAngryBrow).count()).isGreaterThan(3);
    }

    @Test
    void mislabelAndLowQualityRatesAreRespected() {
        SyntheticFaces.Generated g = SyntheticFaces.generateWithInfo(new SyntheticConfig(60, 3, 48, 5, 0.1, 0.1, 0.05, 1));
        long wrong = g.targets().stream().filter(SyntheticFaces.TargetInfo::mislabelled).count();
        long low = g.targets().stream().filter(SyntheticFaces.TargetInfo::lowQuality).count();
        int n = g.targets().size();
        assertThat((double) wrong / n).isBetween(0.06, 0.14);
        assertThat((double) low / n).isBetween(0.06, 0.14);
        g.targets().stream().filter(SyntheticFaces.TargetInfo::mislabelled)
                .forEach(t -> assertThat(t.label()).isNotEqualTo(t.trueLabel()));
    }

    @Test
    void manifestIsWrittenInTheGenericLayout(@TempDir Path dir) throws Exception {
        Dataset ds = SyntheticFaces.generate(SMALL.withSubjects(2).withImagesPerClass(1));
        Path manifest = SyntheticFaces.writeManifest(ds, dir.resolve("set"));
        List<String> lines = Files.readAllLines(manifest);
        assertThat(lines.get(0)).isEqualTo("path,label,subject,neutral");
        assertThat(lines).hasSize(1 + ds.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",", -1);
            assertThat(cols).hasSize(4);
            assertThat(Files.isRegularFile(manifest.getParent().resolve(cols[0]))).isTrue();
            assertThat(Files.isRegularFile(manifest.getParent().resolve(cols[3]))).isTrue();
            assertThat(Emotion.parse(cols[1])).isNotNull();
        }
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/file.txt"), "x");
        assertThatThrownBy(() -> SyntheticFaces.writeManifest(ds, dir.resolve("other")))
                .hasMessageContaining("not empty");
    }

    @Test
    void configValidationRejectsBadValues() {
        assertThatThrownBy(() -> new SyntheticConfig(1, 3, 64, 1, 0, 0, 0, 1)).hasMessageContaining("2 subjects");
        assertThatThrownBy(() -> new SyntheticConfig(5, 3, 16, 1, 0, 0, 0, 1)).hasMessageContaining("render size");
        assertThatThrownBy(() -> new SyntheticConfig(5, 3, 64, 1, 0.9, 0, 0, 1)).hasMessageContaining("rates");
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double nearestMeanAccuracy(List<SyntheticFaces.TargetInfo> targets, Set<String> fit,
                                              java.util.function.Function<SyntheticFaces.TargetInfo, double[]> f) {
        Map<Emotion, List<double[]>> byClass = new java.util.EnumMap<>(Emotion.class);
        for (var t : targets) {
            if (fit.contains(t.subject())) {
                byClass.computeIfAbsent(t.trueLabel(), k -> new ArrayList<>()).add(f.apply(t));
            }
        }
        Map<Emotion, double[]> means = new java.util.EnumMap<>(Emotion.class);
        byClass.forEach((k, v) -> {
            double[] m = new double[v.get(0).length];
            v.forEach(x -> {
                for (int i = 0; i < m.length; i++) {
                    m[i] += x[i] / v.size();
                }
            });
            means.put(k, m);
        });
        int correct = 0, total = 0;
        for (var t : targets) {
            if (fit.contains(t.subject())) {
                continue;
            }
            double[] x = f.apply(t);
            Emotion best = null;
            double bestD = Double.MAX_VALUE;
            for (var e : means.entrySet()) {
                double d = 0;
                for (int i = 0; i < x.length; i++) {
                    d += (x[i] - e.getValue()[i]) * (x[i] - e.getValue()[i]);
                }
                if (d < bestD) {
                    bestD = d;
                    best = e.getKey();
                }
            }
            correct += best == t.trueLabel() ? 1 : 0;
            total++;
        }
        return (double) correct / total;
    }
}
