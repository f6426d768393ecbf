package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.data.Emotion;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAF-DB: the partition list's 1..7 codes and train/test prefixes, aligned images. */
class RafDbTest {
    @TempDir
    Path dir;

    @Test
    void listsAlignedImagesByThePartitionList() throws IOException {
        Path basic = dir.resolve("RAF-DB/basic");
        for (String n : new String[] {"train_00001", "train_00002", "test_00001", "test_00002", "train_00003"}) {
            Fixtures.image(basic.resolve("Image/aligned/" + n + "_aligned.jpg"), n.hashCode());
            Fixtures.image(basic.resolve("Image/original/" + n + ".jpg"), n.hashCode());
        }
        Fixtures.text(basic.resolve("Image/aligned/.DS_Store"), "x");
        Fixtures.text(basic.resolve("EmoLabel/list_patition_label.txt"), String.join("\n",
                "train_00001.jpg 5", "train_00002.jpg 1", "test_00001.jpg 7", "test_00002.jpg 4",
                "train_00003.jpg 8",         // unknown code
                "train_00004.jpg 3",         // image missing
                "train_00001.jpg 5",         // duplicate line
                "garbage",                   // malformed
                "val_00001.jpg 2", ""));     // unknown partition
        Listing l = new RafDb().list(dir.resolve("RAF-DB"), false);
        assertThat(l.dataset().labels()).isEqualTo(LabelSet.BASIC_7_WITH_NEUTRAL);
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly("test_00001", "test_00002", "train_00001", "train_00002");
        assertThat(s.get("train_00001").label()).isEqualTo(Emotion.SADNESS);
        assertThat(s.get("train_00002").label()).isEqualTo(Emotion.SURPRISE);
        assertThat(s.get("test_00001").label()).isEqualTo(Emotion.NEUTRAL);
        assertThat(s.get("test_00002").label()).isEqualTo(Emotion.HAPPINESS);
        assertThat(s.get("train_00001").split()).isEqualTo(Split.TRAIN);
        assertThat(s.get("test_00002").split()).isEqualTo(Split.TEST);
        assertThat(s.get("train_00001").image().describe()).endsWith("train_00001_aligned.jpg");
        assertThat(s.values()).allSatisfy(x -> assertThat(x.subject()).isNull()).noneMatch(Sample::hasNeutral);
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(5)
                .anySatisfy(r -> assertThat(r).startsWith("unknown label code '8' for RAF-DB"))
                .anySatisfy(r -> assertThat(r).contains("train_00004_aligned.jpg not found"))
                .anySatisfy(r -> assertThat(r).startsWith("duplicate of list_patition_label.txt line 1"))
                .anySatisfy(r -> assertThat(r).contains("is not 'NAME.jpg CODE'"))
                .anySatisfy(r -> assertThat(r).contains("neither train_* nor test_*"));
        assertThat(l.dataset().skipped()).anySatisfy(x -> assertThat(x.source()).isEqualTo("list_patition_label.txt line 6"));
    }
}
