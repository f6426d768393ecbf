package org.fer4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;
import org.junit.jupiter.api.Test;

/** Subject-independent folds: never a subject on both sides, balanced by samples, fixed by the seed. */
class SubjectFoldsTest {
    static final LabelSet LABELS = new LabelSet(List.of(Emotion.HAPPINESS, Emotion.SADNESS));

    /** {@code subjects} subjects with 1..12 samples each (a skewed set, like CK+'s). */
    static Dataset dataset(int subjects, long seed) {
        Random r = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            int n = 1 + r.nextInt(12);
            for (int i = 0; i < n; i++) {
                String id = "S" + s + "_" + i;
                samples.add(new Sample(id, ImageRef.of(java.nio.file.Path.of(id + ".png")), LABELS.get(i % 2), "S" + s, null,
                        Split.UNSPECIFIED, null, null, null));
            }
        }
        return new Dataset("t", LABELS, samples, List.of());
    }

    static Map<String, Long> counts(Dataset ds) {
        return ds.samples().stream().collect(Collectors.groupingBy(Sample::subject, Collectors.counting()));
    }

    @Test
    void foldsAreSubjectDisjointCoverEverySubjectOnceAndBalanceSamples() {
        Dataset ds = dataset(37, 3);
        Map<String, Long> counts = counts(ds);
        List<FoldSubjects> folds = SubjectFolds.kFold(ds, 10, 42, 0.2);
        assertThat(folds).hasSize(10);
        List<String> tested = new ArrayList<>();
        long[] sizes = new long[folds.size()];
        for (FoldSubjects f : folds) {
            Set<String> trainSide = new HashSet<>(f.train());
            trainSide.addAll(f.validation());
            assertThat(f.test()).doesNotContainAnyElementsOf(trainSide);
            assertThat(f.validation()).doesNotContainAnyElementsOf(f.train());
            Set<String> all = new HashSet<>(trainSide);
            all.addAll(f.test());
            assertThat(all).hasSize(37);
            assertThat(f.validation()).hasSize((int) Math.round(0.2 * trainSide.size()));
            tested.addAll(f.test());
            sizes[f.index()] = f.test().stream().mapToLong(counts::get).sum();
        }
        assertThat(tested).hasSize(37).doesNotHaveDuplicates();
        long biggestSubject = Collections.max(counts.values());
        long spread = java.util.Arrays.stream(sizes).max().getAsLong() - java.util.Arrays.stream(sizes).min().getAsLong();
        assertThat(spread).isLessThanOrEqualTo(biggestSubject);
    }

    @Test
    void sameSeedSameFoldsWhateverTheListingOrder() {
        Dataset ds = dataset(25, 5);
        List<Sample> shuffled = new ArrayList<>(ds.samples());
        Collections.shuffle(shuffled, new Random(9));
        Dataset reordered = new Dataset("t", LABELS, shuffled, List.of());
        assertThat(SubjectFolds.kFold(reordered, 5, 7, 0.1)).isEqualTo(SubjectFolds.kFold(ds, 5, 7, 0.1));
        assertThat(SubjectFolds.kFold(ds, 5, 8, 0.1)).isNotEqualTo(SubjectFolds.kFold(ds, 5, 7, 0.1));
    }

    @Test
    void leaveOneSubjectOutAndBadFoldCounts() {
        Dataset ds = dataset(6, 1);
        List<FoldSubjects> loso = SubjectFolds.kFold(ds, 0, 1, 0.2);
        assertThat(loso).hasSize(6).allSatisfy(f -> assertThat(f.test()).hasSize(1));
        assertThat(loso.stream().flatMap(f -> f.test().stream()).collect(Collectors.toSet())).hasSize(6);
        assertThatThrownBy(() -> SubjectFolds.kFold(ds, 7, 1, 0.1)).hasMessageContaining("6 subjects");
        assertThatThrownBy(() -> SubjectFolds.kFold(ds, 1, 1, 0.1)).hasMessageContaining("between 2 and 6");
        assertThatThrownBy(() -> SubjectFolds.kFold(ds, 3, 1, 1.0)).hasMessageContaining("validation fraction");
    }

    @Test
    void officialSplitKeepsThePartitionAndTakesValidationFromTraining() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Split split = i < 30 ? Split.TRAIN : Split.TEST;
            samples.add(new Sample("img" + i, ImageRef.of(java.nio.file.Path.of(i + ".png")), LABELS.get(i % 2), null, null,
                    split, null, null, null));
        }
        Dataset ds = new Dataset("raf", LABELS, samples, List.of());
        FoldSubjects f = SubjectFolds.officialSplit(ds, 3, 0.1);
        assertThat(f.test()).hasSize(10).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(3))).isGreaterThanOrEqualTo(30));
        assertThat(f.validation()).hasSize(3);
        assertThat(f.train()).hasSize(27);
        assertThat(SubjectFolds.officialSplit(ds, 3, 0.1)).isEqualTo(f);
        // an official validation split is used as it is
        samples.set(0, samples.get(0).withSplit(Split.VALIDATION));
        FoldSubjects g = SubjectFolds.officialSplit(new Dataset("fer", LABELS, samples, List.of()), 3, 0.1);
        assertThat(g.validation()).containsExactly("img0");
        // a subject on both sides of an official split is refused
        samples.add(new Sample("x", ImageRef.of(java.nio.file.Path.of("x.png")), LABELS.get(0), "img1", null, Split.TEST,
                null, null, null));
        assertThatThrownBy(() -> SubjectFolds.officialSplit(new Dataset("bad", LABELS, samples, List.of()), 3, 0.1))
                .hasMessageContaining("subject img1");
        assertThatThrownBy(() -> SubjectFolds.officialSplit(dataset(5, 1), 3, 0.1)).hasMessageContaining("--protocol kfold");
    }
}
