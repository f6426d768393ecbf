package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AffectNet: both release layouts, 7 or 8 classes, codes 8–10 dropped. */
class AffectNetTest {
    @TempDir
    Path dir;

    static final String HEADER = "subDirectory_filePath,face_x,face_y,face_width,face_height,facial_landmarks,expression,valence,arousal";
    static final String LND = "3.0;4.0;10.0;12.0";

    Path csvTree() throws IOException {
        Path root = dir.resolve("AffectNet");
        Path images = root.resolve("Manually_Annotated_Images");
        for (String f : new String[] {"1/a.jpg", "1/b.jpg", "2/c.jpg", "2/e.jpg", "3/f.jpg"}) {
            Fixtures.image(images.resolve(f), f.hashCode());
        }
        Fixtures.text(root.resolve("Manually_Annotated_file_lists/training.csv"), String.join("\n", HEADER,
                "1/a.jpg,2,3,14,15," + LND + ",1,0.5,0.2",
                "1/b.jpg,1,1,18,18," + LND + ",7,-0.1,0.3",   // contempt
                "2/c.jpg,1,1,18,18," + LND + ",9,-2,-2",       // uncertain: dropped
                "2/d.jpg,1,1,18,18," + LND + ",6,0.1,0.1",    // file missing
                "2/e.jpg,1,1,18,18," + LND + ",12,0.1,0.1",   // unknown code
                "1/a.jpg,2,3,14,15," + LND + ",1,0.5,0.2",    // duplicate row
                "2/e.jpg,1,1,-4,18," + LND + ",3,0.1,0.1",    // bad face box
                ""));
        // some copies ship validation.csv without a header line
        Fixtures.text(root.resolve("Manually_Annotated_file_lists/validation.csv"), "3/f.jpg,0,0,20,20," + LND + ",0,0,0\n");
        return root;
    }

    @Test
    void csvLayoutWithSevenClasses() throws IOException {
        Listing l = new AffectNet(false).list(csvTree(), false);
        assertThat(l.dataset().labels()).isEqualTo(LabelSet.BASIC_7_WITH_NEUTRAL);
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly("1/a", "3/f");
        assertThat(s.get("1/a").label()).isEqualTo(Emotion.HAPPINESS);
        assertThat(s.get("1/a").box()).isEqualTo(new FaceBox(2, 3, 14, 15));
        assertThat(s.get("1/a").split()).isEqualTo(Split.TRAIN);
        assertThat(s.get("3/f").label()).isEqualTo(Emotion.NEUTRAL);
        assertThat(s.get("3/f").split()).isEqualTo(Split.TEST);
        assertThat(Fixtures.reasons(l.excluded())).containsExactlyInAnyOrder(
                "label 'contempt' is not one of the 7 classes of the protocol " + LabelSet.BASIC_7_WITH_NEUTRAL.names(),
                "AffectNet code '9' is dropped: uncertain");
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(4)
                .anySatisfy(r -> assertThat(r).contains("d.jpg not found"))
                .anySatisfy(r -> assertThat(r).startsWith("unknown label code '12' for AffectNet"))
                .anySatisfy(r -> assertThat(r).startsWith("duplicate of training.csv line 2"))
                .anySatisfy(r -> assertThat(r).startsWith("bad face box"));
        assertThat(l.dataset().skipped()).anySatisfy(x -> assertThat(x.source()).isEqualTo("training.csv line 5"));
    }

    @Test
    void eightClassesKeepContempt() throws IOException {
        Listing l = new AffectNet(true).list(csvTree(), false);
        assertThat(l.dataset().labels()).isEqualTo(LabelSet.ALL_8);
        assertThat(Fixtures.byId(l.dataset().samples()).get("1/b").label()).isEqualTo(Emotion.CONTEMPT);
        assertThat(l.excluded()).hasSize(1);
    }

    @Test
    void strictFailsOnAMissingFile() throws IOException {
        Path root = csvTree();
        assertThatThrownBy(() -> new AffectNet(false).list(root, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("training.csv line 5").hasMessageContaining("d.jpg not found");
    }

    static byte[] exp(String code) {
        byte[] data = new byte[4 * code.length()];
        for (int i = 0; i < code.length(); i++) {
            data[4 * i] = (byte) code.charAt(i);
        }
        return NpyArrayTest.npy(1, "{'descr': '<U" + code.length() + "', 'fortran_order': False, 'shape': (), }", data);
    }

    @Test
    void npyLayout() throws IOException {
        Path root = dir.resolve("AffectNet-HQ");
        Path train = root.resolve("train_set");
        for (String n : new String[] {"0", "1", "2"}) {
            Fixtures.image(train.resolve("images/" + n + ".jpg"), n.hashCode());
        }
        Files.createDirectories(train.resolve("annotations"));
        Files.write(train.resolve("annotations/0_exp.npy"), exp("3"));
        Files.write(train.resolve("annotations/0_val.npy"), exp("0.5"));
        Files.write(train.resolve("annotations/1_exp.npy"), NpyArrayTest.npy(1,
                "{'descr': '<i8', 'fortran_order': False, 'shape': (), }",
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(8).array())); // "none": dropped
        Files.write(train.resolve("annotations/5_exp.npy"), exp("1"));                     // no image
        Fixtures.image(root.resolve("val_set/images/10.jpg"), 10);
        Files.createDirectories(root.resolve("val_set/annotations"));
        Files.write(root.resolve("val_set/annotations/10_exp.npy"), exp("10")); // no face: dropped
        Fixtures.image(root.resolve("val_set/images/11.jpg"), 11);
        Files.write(root.resolve("val_set/annotations/11_exp.npy"), exp("0"));
        Fixtures.image(root.resolve("val_set/images/12.jpg"), 12);
        Files.write(root.resolve("val_set/annotations/12_exp.npy"), new byte[] {1, 2, 3}); // corrupt

        Listing l = new AffectNet(false).list(root, false);
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly("train_set/0", "val_set/11");
        assertThat(s.get("train_set/0").label()).isEqualTo(Emotion.SURPRISE);
        assertThat(s.get("train_set/0").split()).isEqualTo(Split.TRAIN);
        assertThat(s.get("train_set/0").box()).isNull();
        assertThat(s.get("val_set/11").label()).isEqualTo(Emotion.NEUTRAL);
        assertThat(s.get("val_set/11").split()).isEqualTo(Split.TEST);
        assertThat(Fixtures.reasons(l.excluded())).containsExactlyInAnyOrder("AffectNet code '8' is dropped: none (no expression class)",
                "AffectNet code '10' is dropped: no face");
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(3)
                .anySatisfy(r -> assertThat(r).contains("no annotation").contains("2_exp.npy"))
                .anySatisfy(r -> assertThat(r).startsWith("annotation without an image"))
                .anySatisfy(r -> assertThat(r).contains("not a NumPy .npy file"));
    }

    @Test
    void wrongRoot() throws IOException {
        Files.createDirectories(dir.resolve("x/y"));
        assertThatThrownBy(() -> new AffectNet(false).list(dir.resolve("x"), false))
                .hasMessageContaining("Manually_Annotated_file_lists").hasMessageContaining("train_set");
    }
}
