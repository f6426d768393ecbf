package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fer4j.data.Emotion;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FER2013: pixel strings, Usage splits, 0..6 codes. */
class Fer2013Test {
    @TempDir
    Path dir;

    static String pixels(int n, int offset) {
        return IntStream.range(0, n).mapToObj(i -> Integer.toString((i * 7 + offset) % 256)).collect(Collectors.joining(" "));
    }

    @Test
    void listsPixelStringsWithTheirSplits() throws IOException {
        Fixtures.text(dir.resolve("fer2013/fer2013.csv"), String.join("\n", "emotion,pixels,Usage",
                "3," + pixels(2304, 0) + ",Training",
                "6," + pixels(2304, 1) + ",PublicTest",
                "0,\"" + pixels(2304, 2) + "\",PrivateTest",
                "7," + pixels(2304, 3) + ",Training",          // unknown code
                "2," + pixels(99, 0) + ",Training",            // not square
                "1," + pixels(2303, 0) + " x,Training",        // not a number
                "4," + pixels(2304, 0) + ",Validation", ""));  // unknown usage
        Listing l = new Fer2013().list(dir, false);
        assertThat(l.dataset().labels()).isEqualTo(LabelSet.BASIC_7_WITH_NEUTRAL);
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly("fer2013_00001", "fer2013_00002", "fer2013_00003");
        assertThat(s.get("fer2013_00001").label()).isEqualTo(Emotion.HAPPINESS);
        assertThat(s.get("fer2013_00001").split()).isEqualTo(Split.TRAIN);
        assertThat(s.get("fer2013_00002").label()).isEqualTo(Emotion.NEUTRAL);
        assertThat(s.get("fer2013_00002").split()).isEqualTo(Split.VALIDATION);
        assertThat(s.get("fer2013_00003").label()).isEqualTo(Emotion.ANGER);
        assertThat(s.get("fer2013_00003").split()).isEqualTo(Split.TEST);
        BufferedImage img = s.get("fer2013_00003").image().read();
        assertThat(img.getWidth()).isEqualTo(48);
        assertThat(img.getRaster().getSample(5, 0, 0)).isEqualTo((5 * 7 + 2) % 256);
        assertThat(img.getRaster().getSample(0, 1, 0)).isEqualTo((48 * 7 + 2) % 256);
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(4)
                .anySatisfy(r -> assertThat(r).startsWith("unknown label code '7' for FER2013"))
                .anySatisfy(r -> assertThat(r).startsWith("99 pixel values do not make a square image"))
                .anySatisfy(r -> assertThat(r).startsWith("pixel 2304 is 'x'"))
                .anySatisfy(r -> assertThat(r).startsWith("Usage 'Validation'"));
    }

    @Test
    void aCsvWithoutPixelsIsNotFer2013() throws IOException {
        Path csv = Fixtures.text(dir.resolve("fer2013.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> new Fer2013().list(csv, false)).isInstanceOf(IOException.class)
                .hasMessageContaining("lacks 'emotion' and 'pixels'");
        assertThatThrownBy(() -> new Fer2013().list(dir.resolve("none"), false)).hasMessageContaining("no such folder");
    }
}
