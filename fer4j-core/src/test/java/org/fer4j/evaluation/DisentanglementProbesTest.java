package org.fer4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.fer4j.data.FaceStore;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.models.AdversarialConfig;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.TinyFaces;
import org.fer4j.testing.ForwardingFaces;
import org.junit.jupiter.api.Test;

/** Linear probes are fitted on the training part only, and the identity probe's halves are disjoint. */
class DisentanglementProbesTest {

    @Test
    void probeReadsOnlyItsFittingPart() {
        Random rng = new Random(1);
        int d = 60;
        // Fitting part: the class is written into feature 0. Scored part: noise with its own labels, more
        // dimensions than rows, so a probe that had seen it would score (nearly) perfectly.
        float[][] fitX = new float[90][d];
        int[] fitY = new int[90];
        for (int i = 0; i < fitX.length; i++) {
            fitY[i] = i % 3;
            for (int j = 0; j < d; j++) {
                fitX[i][j] = (float) rng.nextGaussian() * 0.1f;
            }
            fitX[i][0] += fitY[i];
        }
        float[][] noiseX = new float[30][d];
        int[] noiseY = new int[30];
        for (int i = 0; i < noiseX.length; i++) {
            noiseY[i] = i % 3;
            for (int j = 1; j < d; j++) {
                noiseX[i][j] = (float) rng.nextGaussian();
            }
        }
        assertThat(LinearProbe.fit(fitX, fitY).accuracy(fitX, fitY)).isGreaterThan(0.95);
        assertThat(LinearProbe.fit(noiseX, noiseY).accuracy(noiseX, noiseY)).isGreaterThan(0.9); // the test could fail
        assertThat(LinearProbe.fit(fitX, fitY).accuracy(noiseX, noiseY)).isLessThan(0.6);
        assertThat(LinearProbe.fit(fitX, new int[90]).accuracy(noiseX, noiseY)).isCloseTo(1 / 3.0,
                org.assertj.core.data.Offset.offset(1e-9)); // one class: always that class
        assertThatThrownBy(() -> LinearProbe.fit(new float[0][], new int[0])).hasMessageContaining("at least one");
    }

    @Test
    void expressionProbesFitTheTrainingPartAndIdentityProbesSplitEachTestSubject() throws Exception {
        try (InMemoryFaces faces = InMemoryFaces.load(TinyFaces.dataset(4, 4, 5), Preprocessing.rgb(32), true);
             FerModel model = FerModel.create(new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, faces.preprocessing(),
                     faces.labels(), new AdversarialConfig(16, 0, 1, AdversarialConfig.Mode.CONFUSION, 1, 1).toOptions()), 2)) {
            int[] train = IntStream.range(0, 24).toArray(); // subjects T00, T01
            int[] test = IntStream.range(24, faces.size()).toArray(); // subjects T02, T03
            ProbeScores honest = DisentanglementProbes.run(model, faces, train, test, 9);
            // The same frozen model, but the training part's labels rotated: if the expression probe were
            // fitted on anything but the training part, this would not change its test score.
            ProbeScores rotated = DisentanglementProbes.run(model, new Relabelled(faces, train), train, test, 9);
            for (String r : new String[] {"z_e", "z_n"}) {
                assertThat(honest.expression().get(r)).as(r).isBetween(0.0, 1.0);
                assertThat(rotated.expression().get(r)).as(r).isLessThan(honest.expression().get(r));
                assertThat(rotated.subject().get(r)).as(r).isEqualTo(honest.subject().get(r)); // test part only
            }
            assertThat(honest.expressionFit()).isEqualTo(24);
            assertThat(honest.expressionScored()).isEqualTo(24);
            assertThat(honest.subjects()).isEqualTo(2);
            assertThat(honest.subjectChance()).isEqualTo(0.5);
            assertThat(honest.subjectFit() + honest.subjectScored()).isEqualTo(24);

            int[][] halves = DisentanglementProbes.splitBySubject(faces, test, 9);
            Set<Integer> fit = new HashSet<>(Arrays.stream(halves[0]).boxed().toList());
            assertThat(Arrays.stream(halves[1]).noneMatch(fit::contains)).isTrue();
            for (int[] half : halves) {
                assertThat(Arrays.stream(half).mapToObj(p -> faces.sample(test[p]).subject()).distinct())
                        .containsExactlyInAnyOrder("T02", "T03");
            }
        }
    }

    @Test
    void inlpAddsTheProjectedZnAndTheReconstructionCost() throws Exception {
        try (InMemoryFaces faces = InMemoryFaces.load(TinyFaces.dataset(4, 4, 5), Preprocessing.rgb(32), true);
             FerModel withDecoder = FerModel.create(new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, faces.preprocessing(),
                     faces.labels(), new AdversarialConfig(16, 1, 1, AdversarialConfig.Mode.CONFUSION, 1, 1).toOptions()), 2);
             FerModel noDecoder = FerModel.create(new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, faces.preprocessing(),
                     faces.labels(), new AdversarialConfig(16, 0, 1, AdversarialConfig.Mode.CONFUSION, 1, 1).toOptions()), 2)) {
            int[] train = IntStream.range(0, 24).toArray();
            int[] test = IntStream.range(24, faces.size()).toArray();
            ProbeScores plain = DisentanglementProbes.run(withDecoder, faces, train, test, 9);
            ProbeScores inlp = DisentanglementProbes.run(withDecoder, faces, train, test, 9, true);
            assertThat(plain.expression()).containsOnlyKeys("z_e", "z_n");
            assertThat(plain.inlpRank()).isNull();
            assertThat(plain.inlpHeldOut()).isNull();
            assertThat(plain.reconstruction()).isNull();
            assertThat(List.copyOf(inlp.expression().keySet())).containsExactly("z_e", "z_n", DisentanglementProbes.Z_N_INLP);
            assertThat(List.copyOf(inlp.subject().keySet())).containsExactly("z_e", "z_n", DisentanglementProbes.Z_N_INLP);
            for (Map<String, Double> m : List.of(inlp.expression(), inlp.subject())) {
                assertThat(m.get(DisentanglementProbes.Z_N_INLP)).isBetween(0.0, 1.0);
            }
            // The other representations' probes do not change with the option.
            assertThat(inlp.expression().get("z_n")).isEqualTo(plain.expression().get("z_n"));
            assertThat(inlp.subject().get("z_e")).isEqualTo(plain.subject().get("z_e"));
            assertThat(inlp.inlpRank()).isBetween(0, 16);
            assertThat(inlp.inlpHeldOut()).isNotEmpty().allSatisfy(a -> assertThat(a).isBetween(0.0, 1.0));
            assertThat(inlp.reconstruction()).isPositive().isFinite();
            assertThat(inlp.reconstructionInlp()).isPositive().isFinite();
            if (inlp.inlpRank() == 0) {
                assertThat(inlp.reconstructionInlp()).isEqualTo(inlp.reconstruction());
            }
            assertThat(DisentanglementProbes.run(withDecoder, faces, train, test, 9, true)).isEqualTo(inlp); // deterministic

            ProbeScores untrainedDecoder = DisentanglementProbes.run(noDecoder, faces, train, test, 9, true);
            assertThat(untrainedDecoder.expression()).containsKey(DisentanglementProbes.Z_N_INLP);
            assertThat(untrainedDecoder.reconstruction()).isNull(); // β1 = 0: the decoder never learned
            assertThat(untrainedDecoder.reconstructionInlp()).isNull();

            // probes.json keeps its fields, gains the new ones, and a file written before them still reads.
            ObjectMapper json = new ObjectMapper();
            Map<String, Object> written = json.readValue(json.writeValueAsString(inlp), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            assertThat(written).containsKeys("expression", "subject", "expressionChance", "subjectChance", "expressionFit",
                    "expressionScored", "subjects", "subjectFit", "subjectScored", "inlpRank", "inlpHeldOut",
                    "reconstruction", "reconstructionInlp");
            assertThat(json.readValue(json.writeValueAsString(inlp), ProbeScores.class)).isEqualTo(inlp);
            Map<String, Object> old = new java.util.LinkedHashMap<String, Object>(json.readValue(json.writeValueAsString(plain), Map.class));
            List.of("inlpRank", "inlpHeldOut", "reconstruction", "reconstructionInlp").forEach(old::remove);
            assertThat(json.readValue(json.writeValueAsString(old), ProbeScores.class)).isEqualTo(plain);
        }
    }

    @Test
    void identityIsNotProbedWithoutSubjects() throws Exception {
        try (InMemoryFaces faces = InMemoryFaces.load(TinyFaces.dataset(2, 2, 6), Preprocessing.rgb(32), true)) {
            FaceStore anonymous = new Relabelled(faces, new int[0]) {
                @Override
                public Sample sample(int index) {
                    Sample s = faces.sample(index);
                    return new Sample(s.id(), s.image(), s.label(), null, null, s.split(), null, null, null);
                }
            };
            assertThat(DisentanglementProbes.splitBySubject(anonymous, IntStream.range(0, 12).toArray(), 1)[0]).isEmpty();
        }
    }

    /** The store with the labels of {@code rotate} moved one class on. */
    static class Relabelled extends ForwardingFaces {
        private final Set<Integer> rotate = new HashSet<>();

        Relabelled(FaceStore base, int[] rotate) {
            super(base);
            Arrays.stream(rotate).forEach(this.rotate::add);
        }

        @Override
        public int label(int index) {
            int l = base.label(index);
            return rotate.contains(index) ? (l + 1) % labels().size() : l;
        }
    }
}
