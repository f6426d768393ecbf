package org.fer4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A neutral ranker's training set: each pair twice, the reversed one labelled neutral, boxes swapped with the images. */
class ReversedPairsTest {
    static ImageRef image(String id) {
        return new ImageRef.MemoryImage(id, new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
    }

    @Test
    void everyPairInBothOrders() {
        FaceBox tBox = new FaceBox(0, 0, 3, 3);
        FaceBox nBox = new FaceBox(1, 1, 2, 2);
        Sample paired = new Sample("a", image("a"), Emotion.HAPPINESS, "S1", "happiness-1", Split.TRAIN, image("a_n"), tBox, nBox);
        Sample alone = new Sample("b", image("b"), Emotion.ANGER, "S2", null, Split.TRAIN, null, null, null);
        Dataset ds = new Dataset("set", LabelSet.CK_PLUS_7, List.of(paired, alone), List.of());
        Dataset r = ReversedPairs.of(ds);
        assertThat(r.labels().classes().get(0)).isEqualTo(Emotion.NEUTRAL);
        assertThat(r.labels().classes().subList(1, 8)).isEqualTo(LabelSet.CK_PLUS_7.classes());
        assertThat(r.samples()).hasSize(2).as("a sample without its neutral face has no pair").noneMatch(s -> s.id().startsWith("b"));
        Sample reversed = r.samples().get(1);
        assertThat(reversed.id()).isEqualTo("a_reversed");
        assertThat(reversed.label()).isEqualTo(Emotion.NEUTRAL);
        assertThat(reversed.image()).isSameAs(paired.neutral());
        assertThat(reversed.neutral()).isSameAs(paired.image());
        assertThat(reversed.box()).isEqualTo(nBox);
        assertThat(reversed.neutralBox()).isEqualTo(tBox);
        assertThat(reversed.subject()).as("the same person: the folds keep both orders together").isEqualTo("S1");
    }

    @Test
    void refusesSetsWithoutPairsOrWithANeutralClass() {
        Sample alone = Sample.of("b", image("b"), Emotion.ANGER);
        assertThatThrownBy(() -> ReversedPairs.of(new Dataset("set", LabelSet.CK_PLUS_7, List.of(alone), List.of())))
                .hasMessageContaining("set: no sample has a neutral face");
        assertThatThrownBy(() -> ReversedPairs.of(new Dataset("raf", LabelSet.BASIC_7_WITH_NEUTRAL, List.of(alone), List.of())))
                .hasMessageContaining("raf: its labels already hold 'neutral'");
    }
}
