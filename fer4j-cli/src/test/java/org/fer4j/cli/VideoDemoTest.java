package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer4j demo --video} end to end on a tiny synthetic set (the numbers are chance level at this size). */
class VideoDemoTest {
    @TempDir
    Path dir;

    @Test
    void theVideoDemoRunsTheVideoPathFourWaysOnTheTestSubjects() throws Exception {
        Path run = dir.resolve("run");
        CliTest.Run r = CliTest.run("demo", "--video", "--subjects", "10", "--epochs", "10", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("video run", "SPNDL, the true neutral");
        Path video = run.resolve("video/demo.mp4");
        assertThat(video).isRegularFile();
        JsonNode doc = new ObjectMapper().readTree(Files.readString(run.resolve("video/calibration.json")));
        int sequences = doc.path("sequences").asInt();
        assertThat(sequences).isEqualTo(2 * 7); // 10 subjects in 5 folds: 2 test subjects × 7 classes
        int groups = (sequences + VideoDemo.SLOTS - 1) / VideoDemo.SLOTS;
        assertThat(doc.path("frames").asInt()).isEqualTo(groups * (VideoDemo.NEUTRAL_FRAMES + VideoDemo.EXPRESSION_FRAMES + VideoDemo.GAP));
        JsonNode runs = doc.path("runs");
        assertThat(runs).hasSize(4); // baseline, auto with the one-face scorer, auto with the ranker, the true neutral
        for (JsonNode row : runs) { // every expressive frame of every sequence was predicted, in every run
            assertThat(row.path("expressive_frames").asInt()).isEqualTo(sequences * VideoDemo.EXPRESSION_FRAMES);
            assertThat(row.path("tracks").asInt()).isEqualTo(sequences); // one track per person's sequence
        }
        JsonNode trueNeutral = runs.get(3);
        assertThat(trueNeutral.path("reference_on_a_neutral_frame").asInt()).isEqualTo(sequences * VideoDemo.EXPRESSION_FRAMES);
        assertThat(trueNeutral.path("tracks_ending_on_a_neutral_frame").asInt()).isEqualTo(sequences);
        assertThat(run.resolve("video/neutral-scorer/fold-0/model/model.json")).isRegularFile();
        assertThat(Files.readString(run.resolve("video/neutral-ranker/fold-0/model/model.json"))).contains("\"NEUTRAL\", \"ANGER\"", "\"SPNDL\"");

    }

    @Test
    void everyOtherPairOfPeopleWalksInExpressive() {
        VideoDemo.Appearance ckPlus = new VideoDemo.Appearance(null, 0, 100, true);
        VideoDemo.Appearance walkIn = new VideoDemo.Appearance(null, 0, 100, false);
        java.util.List<Long> neutral = new java.util.ArrayList<>();
        java.util.List<Long> expressive = new java.util.ArrayList<>();
        for (long f = 95; f < 115; f++) {
            if (walkIn.neutralFrame(f)) {
                neutral.add(f);
            }
            if (walkIn.expressiveFrame(f)) {
                expressive.add(f);
            }
            assertThat(ckPlus.neutralFrame(f)).isEqualTo(f >= 100 && f < 100 + VideoDemo.NEUTRAL_FRAMES);
        }
        assertThat(neutral).containsExactly(103L, 104L, 105L, 106L);
        assertThat(expressive).containsExactly(100L, 101L, 102L, 107L, 108L, 109L);
    }
}
