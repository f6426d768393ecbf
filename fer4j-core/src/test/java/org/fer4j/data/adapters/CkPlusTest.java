package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CK+ on a tiny tree in the release layout, with the partial-copy problems real copies have. */
public class CkPlusTest {
    @TempDir
    Path dir;

    /** Writes one sequence: frames, landmarks (points per frame) and, when {@code code} is not null, its emotion file. */
    static void sequence(Path root, String subject, String seq, int frames, String code, int pointsOfLastFrame)
            throws IOException {
        String prefix = subject + "_" + seq + "_";
        for (int f = 1; f <= frames; f++) {
            String frame = prefix + String.format("%08d", f);
            Fixtures.image(root.resolve("cohn-kanade-images").resolve(subject).resolve(seq).resolve(frame + ".png"), f);
            // lower-case landmarks folder: copies differ in case
            Fixtures.landmarks(root.resolve("landmarks").resolve(subject).resolve(seq).resolve(frame + "_landmarks.txt"),
                    f == frames ? pointsOfLastFrame : 68, 2 + f % 3, 3, 16, 17 - f % 2);
        }
        if (code != null) {
            Fixtures.text(root.resolve("Emotion").resolve(subject).resolve(seq)
                    .resolve(prefix + String.format("%08d", frames) + "_emotion.txt"), code);
        }
    }

    public static Path tree(Path root) throws IOException {
        sequence(root, "S005", "001", 5, "   3.0000000e+00\n", 68);
        sequence(root, "S005", "002", 4, null, 68);                 // unlabelled: left out by the protocol
        sequence(root, "S010", "001", 6, "   5.0000000e+00\n", 68);
        sequence(root, "S010", "002", 5, "", 68);                   // empty emotion file
        sequence(root, "S010", "003", 4, "   7.0000000e+00\n", 67); // last frame's landmarks have 67 lines
        sequence(root, "S011", "001", 4, "1.0\n", 68);
        sequence(root, "S011", "002", 4, "   9.0000000e+00\n", 68); // unknown code
        Fixtures.text(root.resolve("cohn-kanade-images/S011/001/.DS_Store"), "x");
        Fixtures.text(root.resolve("cohn-kanade-images/.DS_Store"), "x");
        Fixtures.text(root.resolve("Emotion/S099/001/S099_001_00000004_emotion.txt"), "2.0"); // label without images
        return root;
    }

    @Test
    void listsFirstFrameAsNeutralAndLastThreeAsTargetsCroppedByLandmarks() throws IOException {
        Listing l = new CkPlus().list(tree(dir.resolve("CK+")), false);
        assertThat(l.dataset().labels()).isEqualTo(LabelSet.CK_PLUS_7);
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly(
                "S005_001_00000003", "S005_001_00000004", "S005_001_00000005",
                "S010_001_00000004", "S010_001_00000005", "S010_001_00000006",
                "S010_003_00000002", "S010_003_00000003",
                "S011_001_00000002", "S011_001_00000003", "S011_001_00000004");
        assertThat(l.dataset().pairs()).isEqualTo(11);
        assertThat(l.dataset().subjects()).containsExactly("S005", "S010", "S011");
        Sample t = s.get("S005_001_00000005");
        assertThat(t.label()).isEqualTo(Emotion.DISGUST);
        assertThat(t.subject()).isEqualTo("S005");
        assertThat(t.sequence()).isEqualTo("001");
        assertThat(((ImageRef.FileImage) t.neutral()).path().getFileName().toString()).isEqualTo("S005_001_00000001.png");
        assertThat(t.box()).isEqualTo(new FaceBox(2 + 5 % 3, 3, 16 - (2 + 5 % 3), 17 - 5 % 2 - 3));
        assertThat(t.neutralBox()).isEqualTo(new FaceBox(2 + 1 % 3, 3, 16 - (2 + 1 % 3), 17 - 1 % 2 - 3));
        assertThat(s.get("S010_001_00000006").label()).isEqualTo(Emotion.HAPPINESS);
        assertThat(s.get("S010_003_00000002").label()).isEqualTo(Emotion.SURPRISE);
        assertThat(s.get("S011_001_00000004").label()).isEqualTo(Emotion.ANGER);

        assertThat(Fixtures.reasons(l.excluded())).singleElement().asString().contains("no emotion file");
        assertThat(l.excluded().get(0).source()).endsWith("S005/002");
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(4).anySatisfy(r -> assertThat(r).startsWith("empty emotion file"))
                .anySatisfy(r -> assertThat(r).startsWith("67 landmark points, expected 68"))
                .anySatisfy(r -> assertThat(r).startsWith("unknown label code '9' for CK+"))
                .anySatisfy(r -> assertThat(r).startsWith("emotion label without images"));
    }

    @Test
    void strictStopsAtTheFirstProblemNamingTheFile() throws IOException {
        Path root = tree(dir.resolve("CK+"));
        assertThatThrownBy(() -> new CkPlus().list(root, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("S010_002_00000005_emotion.txt").hasMessageContaining("empty emotion file")
                .hasMessageContaining("--strict");
    }

    @Test
    void wrongRootAndPartialCopiesSayWhatIsMissing() throws IOException {
        assertThatThrownBy(() -> new CkPlus().list(dir.resolve("nope"), false)).isInstanceOf(IOException.class)
                .hasMessageContaining("no such folder").hasMessageContaining("cohn-kanade-images");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> new CkPlus().list(dir.resolve("empty"), false)).hasMessageContaining("no cohn-kanade-images/");
        Path partial = tree(dir.resolve("partial"));
        try (var files = Files.walk(partial.resolve("landmarks"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThatThrownBy(() -> new CkPlus().list(partial, false)).isInstanceOf(IOException.class)
                .hasMessageContaining("no Landmarks/ folder").hasMessageContaining("68 landmarks");
    }

    @Test
    void acceptsOneWrappingFolder() throws IOException {
        tree(dir.resolve("download/CK+"));
        assertThat(new CkPlus().list(dir.resolve("download"), false).dataset().size()).isEqualTo(11);
    }

    @Test
    void emotionCodesAreWholeNumbers() throws IOException {
        assertThat(CkPlus.readCode(Fixtures.text(dir.resolve("a.txt"), "   7.0000000e+00\n"))).isEqualTo("7");
        assertThatThrownBy(() -> CkPlus.readCode(Fixtures.text(dir.resolve("b.txt"), "2.5")))
                .hasMessageContaining("not a whole-number code");
        assertThatThrownBy(() -> CkPlus.readCode(Fixtures.text(dir.resolve("c.txt"), "three")))
                .hasMessageContaining("expected one number");
    }
}
