package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Oulu-CASIA: VL/Strong only, first frame + last three, preferring the Cropped/ tree. */
class OuluCasiaTest {
    @TempDir
    Path dir;

    static void frames(Path seqDir, int n) throws IOException {
        for (int f = 0; f < n; f++) {
            Fixtures.image(seqDir.resolve(String.format("%03d.jpeg", f)), f);
        }
    }

    static Path tree(Path root, String tree) throws IOException {
        Path strong = root.resolve(tree).resolve("VL/Strong");
        frames(strong.resolve("P001/Anger"), 5);
        frames(strong.resolve("P001/Happiness"), 4);
        frames(strong.resolve("P002/Surprise"), 4);
        frames(strong.resolve("P002/Sadness"), 2);   // too short
        frames(strong.resolve("P002/Joy"), 4);       // not an Oulu-CASIA class
        frames(root.resolve(tree).resolve("VL/Dark/P001/Anger"), 4); // other illumination: not read
        frames(root.resolve(tree).resolve("NI/Strong/P001/Anger"), 4); // near infrared: not read
        Fixtures.text(strong.resolve("P001/.DS_Store"), "x");
        Files.createDirectories(strong.resolve("notes"));
        return root;
    }

    @Test
    void listsStrongVisibleLightSequences() throws IOException {
        Listing l = new OuluCasia().list(tree(dir.resolve("Oulu"), "OriginalImg"), false);
        assertThat(l.dataset().labels()).isEqualTo(LabelSet.SIX_BASIC);
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly("P001_Anger_002", "P001_Anger_003", "P001_Anger_004",
                "P001_Happiness_001", "P001_Happiness_002", "P001_Happiness_003",
                "P002_Surprise_001", "P002_Surprise_002", "P002_Surprise_003");
        Sample t = s.get("P001_Anger_004");
        assertThat(t.label()).isEqualTo(Emotion.ANGER);
        assertThat(t.subject()).isEqualTo("P001");
        assertThat(((ImageRef.FileImage) t.neutral()).path()).endsWith(Path.of("OriginalImg/VL/Strong/P001/Anger/000.jpeg"));
        assertThat(l.dataset().pairs()).isEqualTo(9);
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(3)
                .anySatisfy(r -> assertThat(r).contains("2 frame(s)"))
                .anySatisfy(r -> assertThat(r).contains("unknown label code 'Joy' for Oulu-CASIA"))
                .anySatisfy(r -> assertThat(r).contains("not a subject folder"));
        assertThat(l.notes()).anySatisfy(n -> assertThat(n).contains("used whole"));
    }

    @Test
    void prefersTheCroppedTree() throws IOException {
        Path root = tree(dir.resolve("Oulu"), "OriginalImg");
        tree(root, "Cropped");
        Listing l = new OuluCasia().list(root, false);
        assertThat(((ImageRef.FileImage) l.dataset().samples().get(0).image()).path().toString()).contains("Cropped");
        assertThat(l.notes()).anySatisfy(n -> assertThat(n).contains("pre-cropped"));
    }

    @Test
    void wrongRootSaysWhatWasExpected() throws IOException {
        Files.createDirectories(dir.resolve("other/stuff"));
        assertThatThrownBy(() -> new OuluCasia().list(dir.resolve("other"), false)).isInstanceOf(IOException.class)
                .hasMessageContaining("VL/Strong");
    }
}
