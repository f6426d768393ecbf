package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fer4j.data.Emotion;
import org.fer4j.data.LabelSet;
import org.junit.jupiter.api.Test;

class SelfPacedSchedulerTest {
    final LabelSet labels = new LabelSet(List.of(Emotion.ANGER, Emotion.FEAR));

    @Test
    void eachClassAdmitsCeilingOfItsShareOfEasiestSamples() {
        SelfPacedScheduler s = new SelfPacedScheduler(new SelfPacedConfig(true, List.of(0.5, 0.75, 1.0), 0), labels);
        int[] idx = {10, 11, 12, 13, 14, 20, 21, 22};
        int[] cls = {0, 0, 0, 0, 0, 1, 1, 1};
        // class 0 losses: 10→0.9, 11→0.1, 12→0.5, 13→0.3, 14→2.0 ; class 1 (much harder overall): 20→5, 21→7, 22→6
        float[] loss = {0.9f, 0.1f, 0.5f, 0.3f, 2.0f, 5f, 7f, 6f};
        Pace p1 = s.select(1, idx, cls, loss);
        assertThat(p1.admittedPerClass()).containsEntry("anger", 3).containsEntry("fear", 2); // ⌈2.5⌉, ⌈1.5⌉
        assertThat(p1.admitted()).containsExactly(11, 12, 13, 20, 22);
        assertThat(p1.excluded()).containsExactly(10, 14, 21);
        // λ_k separates admitted from excluded within each class (per-class, so the hard class is not starved)
        assertThat(p1.lambda().get("anger")).isGreaterThan(0.5).isLessThan(0.9);
        assertThat(p1.lambda().get("fear")).isGreaterThan(6).isLessThan(7);
        Pace last = s.select(3, idx, cls, loss);
        assertThat(last.admitted()).hasSize(8);
        assertThat(last.excluded()).isEmpty();
        assertThat(s.select(1, idx, cls, loss).admitted()).containsExactly(p1.admitted());
    }

    @Test
    void tiesAreBrokenByIndexSoSelectionIsDeterministic() {
        SelfPacedScheduler s = new SelfPacedScheduler(new SelfPacedConfig(true, List.of(0.5, 1.0), 0), labels);
        Pace p = s.select(1, new int[] {7, 3, 5, 9}, new int[] {0, 0, 0, 0}, new float[] {1, 1, 1, 1});
        assertThat(p.admitted()).containsExactly(3, 5);
    }

    @Test
    void badSchedulesAndTooSmallClassesAreClearErrors() {
        assertThatThrownBy(() -> new SelfPacedConfig(true, List.of(0.5, 0.4, 1.0), 0)).hasMessageContaining("increasing");
        assertThatThrownBy(() -> new SelfPacedConfig(true, List.of(0.5, 0.9), 0)).hasMessageContaining("end at 1.0");
        SelfPacedScheduler s = new SelfPacedScheduler(SelfPacedConfig.paperDefaults(), labels);
        assertThatThrownBy(() -> s.checkClassSizes(new int[] {0, 0, 0, 0, 0, 0, 1, 1}))
                .hasMessageContaining("'fear' has 2 training sample(s)").hasMessageContaining("6 paces");
        assertThatThrownBy(() -> new EpochPlan(5, SelfPacedConfig.paperDefaults())).hasMessageContaining("at least 7 epochs");
    }

    @Test
    void epochsAreSplitEvenlyOverPacesAfterWarmup() {
        EpochPlan plan = new EpochPlan(9, new SelfPacedConfig(true, List.of(0.5, 0.75, 1.0), 1));
        int[] paces = new int[9];
        for (int e = 0; e < 9; e++) {
            paces[e] = plan.paceOf(e);
        }
        assertThat(paces).containsExactly(0, 1, 1, 1, 2, 2, 2, 3, 3);
        assertThat(plan.startsPace(1)).isTrue();
        assertThat(plan.endsPace(3)).isTrue();
    }
}
