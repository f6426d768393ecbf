package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceBox;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;
import org.fer4j.data.synth.SyntheticConfig;
import org.fer4j.data.synth.SyntheticFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-folder and manifest layouts, and the synthetic set written to disk and read back. */
class GenericLayoutsTest {
    @TempDir
    Path dir;

    @Test
    void imageFolderWithAliasesDuplicatesAndStrayFiles() throws IOException {
        Path root = dir.resolve("faces");
        Fixtures.image(root.resolve("happy/a.png"), 1);
        Fixtures.image(root.resolve("happy/b.jpg"), 2);
        Fixtures.text(root.resolve("happy/notes.txt"), "x");
        Fixtures.text(root.resolve("happy/.DS_Store"), "x");
        Fixtures.image(root.resolve("Sad/c.png"), 3);
        Fixtures.image(root.resolve("Sad/c.jpg"), 3);   // same image in two formats
        Fixtures.image(root.resolve("weird/d.png"), 4); // not an expression
        Listing l = new ImageFolder().list(root, false);
        assertThat(l.dataset().labels().classes()).containsExactly(Emotion.HAPPINESS, Emotion.SADNESS);
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly("Sad/c", "happy/a", "happy/b");
        assertThat(s.get("Sad/c").label()).isEqualTo(Emotion.SADNESS);
        assertThat(s.get("Sad/c").image().describe()).endsWith("c.jpg"); // first by name is kept
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(2)
                .anySatisfy(r -> assertThat(r).startsWith("duplicate of c.jpg"))
                .anySatisfy(r -> assertThat(r).startsWith("unknown label code 'weird' for folder and manifest names"));
        assertThat(Fixtures.reasons(l.excluded())).containsExactly("not an image file");
    }

    @Test
    void imageFolderWithSplitFolders() throws IOException {
        Path root = dir.resolve("kaggle");
        Fixtures.image(root.resolve("train/angry/x.png"), 1);
        Fixtures.image(root.resolve("train/surprised/y.png"), 2);
        Fixtures.image(root.resolve("test/angry/z.png"), 3);
        Listing l = new ImageFolder().list(root, false);
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly("test/angry/z", "train/angry/x", "train/surprised/y");
        assertThat(s.get("test/angry/z").split()).isEqualTo(Split.TEST);
        assertThat(s.get("train/surprised/y").label()).isEqualTo(Emotion.SURPRISE);
    }

    @Test
    void manifestWithNeutralBoxesSplitsAndProblems() throws IOException {
        Path root = dir.resolve("mine");
        Fixtures.image(root.resolve("img/p1_happy.png"), 1);
        Fixtures.image(root.resolve("img/p1_sad.png"), 2);
        Fixtures.image(root.resolve("img/p1_neutral.png"), 3);
        Fixtures.image(root.resolve("img/p2_angry.png"), 4);
        Fixtures.text(root.resolve(Manifest.FILE), String.join("\n",
                "path,label,subject,neutral,split,face_x,face_y,face_width,face_height",
                "img/p1_happy.png,happiness,p1,img/p1_neutral.png,train,1,2,15,16",
                "img/p1_sad.png,SAD,p1,img/p1_neutral.png,test,,,,",
                "img/p2_angry.png,anger,p2,,,,,,",
                "img/p9.png,anger,p9,,,,,,",                          // file missing
                "img/p1_happy.png,happiness,p1,,,,,,",                // duplicate
                "img/p2_angry.png,grumpy,p2,,,,,,",                   // unknown label
                "img/p1_sad.png,sadness,p1,img/gone.png,,,,,",       // neutral missing
                "img/p1,sad.png,sadness,p1,,,,,,",                    // unquoted comma: one column too many
                ""));
        Listing l = new Manifest().list(root, false);
        List<Sample> samples = l.dataset().samples();
        assertThat(samples).extracting(Sample::id).containsExactly("img/p1_happy", "img/p1_sad", "img/p2_angry");
        assertThat(l.dataset().labels().classes()).containsExactly(Emotion.ANGER, Emotion.HAPPINESS, Emotion.SADNESS);
        assertThat(samples.get(0).box()).isEqualTo(new FaceBox(1, 2, 15, 16));
        assertThat(samples.get(0).split()).isEqualTo(Split.TRAIN);
        assertThat(samples.get(0).neutral().describe()).endsWith("p1_neutral.png");
        assertThat(samples.get(1).box()).isNull();
        assertThat(samples.get(1).split()).isEqualTo(Split.TEST);
        assertThat(samples.get(2).hasNeutral()).isFalse();
        assertThat(samples.get(2).subject()).isEqualTo("p2");
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(5)
                .anySatisfy(r -> assertThat(r).isEqualTo("10 columns where the header has 9 (an unquoted comma in a path?"
                        + " quote it, or fix the row)"))
                .anySatisfy(r -> assertThat(r).contains("p9.png not found"))
                .anySatisfy(r -> assertThat(r).startsWith("duplicate of manifest.csv line 2"))
                .anySatisfy(r -> assertThat(r).startsWith("unknown label code 'grumpy' for folder and manifest names"))
                .anySatisfy(r -> assertThat(r).contains("neutral image").contains("gone.png not found"));
        // the CSV itself may be given as the root
        assertThat(new Manifest().list(root.resolve(Manifest.FILE), false).dataset().size()).isEqualTo(3);
        assertThatThrownBy(() -> new Manifest().list(root, true)).hasMessageContaining("manifest.csv line 5");
    }

    @Test
    void manifestNeedsPathAndLabel() throws IOException {
        Path csv = Fixtures.text(dir.resolve("m.csv"), "file,emotion\na.png,happy\n");
        assertThatThrownBy(() -> new Manifest().list(csv, false)).hasMessageContaining("needs 'path' and 'label'");
        Path empty = Fixtures.text(dir.resolve("e/manifest.csv"), "");
        assertThatThrownBy(() -> new Manifest().list(empty, false)).hasMessageContaining("empty manifest");
    }

    /**
     * The synthetic set written by {@code fer4j synth} and read back through the manifest adapter gives the
     * same samples in the same order, with the same labels, subjects and pairing, and bit-identical input
     * tensors: what makes cv on disk reproduce the in-memory numbers.
     */
    @Test
    void syntheticSetRoundTripsThroughTheManifest() throws IOException {
        Dataset mem = SyntheticFaces.generate(SyntheticConfig.defaults(7).withSubjects(3).withImagesPerClass(1));
        SyntheticFaces.writeManifest(mem, dir.resolve("synth"));
        Dataset disk = new Manifest().list(dir.resolve("synth"), true).requireUsable();
        assertThat(disk.labels()).isEqualTo(mem.labels());
        assertThat(disk.size()).isEqualTo(mem.size());
        assertThat(disk.subjects()).isEqualTo(mem.subjects());
        for (int i = 0; i < mem.size(); i++) {
            assertThat(disk.samples().get(i).label()).isEqualTo(mem.samples().get(i).label());
            assertThat(disk.samples().get(i).subject()).isEqualTo(mem.samples().get(i).subject());
            assertThat(disk.samples().get(i).id()).endsWith(mem.samples().get(i).id());
        }
        Preprocessing pre = Preprocessing.rgb(32);
        try (InMemoryFaces a = InMemoryFaces.load(mem, pre, true, 1); InMemoryFaces b = InMemoryFaces.load(disk, pre, true, 1)) {
            float[] x = new float[pre.length()];
            float[] y = new float[pre.length()];
            for (int i = 0; i < a.size(); i++) {
                a.target(i, x, 0);
                b.target(i, y, 0);
                assertThat(y).as("target %d", i).containsExactly(x);
                a.neutral(i, x, 0);
                b.neutral(i, y, 0);
                assertThat(y).as("neutral %d", i).containsExactly(x);
            }
        }
        assertThat(Files.exists(dir.resolve("synth/manifest.csv"))).isTrue();
    }
}
