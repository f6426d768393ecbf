package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.data.Emotion;
import org.fer4j.data.Sample;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.experiments.SubjectFolds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JAFFE: labels and subjects from file names, neutral references, leave-one-subject-out. */
class JaffeTest {
    @TempDir
    Path dir;

    @Test
    void listsFileNameCodesWithNeutralReferences() throws IOException {
        Path jaffe = dir.resolve("jaffe");
        String[] names = {"KA.AN1.39.tiff", "KA.NE1.26.tiff", "KA.NE2.27.tiff", "KA.HA1.29.tiff", "KL.SU1.50.tif",
            "KL.NE1.47.tiff", "YM.DI2.59.tiff", "KA.XX1.40.tiff", "photo.tiff"};
        for (int i = 0; i < names.length; i++) {
            Fixtures.image(jaffe.resolve(names[i]), i);
        }
        Fixtures.text(jaffe.resolve("README"), "The JAFFE images");
        Fixtures.text(jaffe.resolve(".DS_Store"), "x");
        Listing l = new Jaffe().list(dir, false); // the copy sits in a jaffe/ folder
        Map<String, Sample> s = Fixtures.byId(l.dataset().samples());
        assertThat(s.keySet()).containsExactly("KA.AN1.39", "KA.HA1.29", "KA.NE1.26", "KA.NE2.27", "KL.NE1.47",
                "KL.SU1.50", "YM.DI2.59");
        assertThat(s.get("KA.AN1.39").label()).isEqualTo(Emotion.ANGER);
        assertThat(s.get("KA.AN1.39").subject()).isEqualTo("KA");
        assertThat(s.get("KA.AN1.39").neutral().describe()).endsWith("KA.NE1.26.tiff");
        assertThat(s.get("KA.NE1.26").label()).isEqualTo(Emotion.NEUTRAL);
        assertThat(s.get("KA.NE1.26").neutral().describe()).endsWith("KA.NE2.27.tiff");
        assertThat(s.get("KA.NE2.27").neutral().describe()).endsWith("KA.NE1.26.tiff");
        assertThat(s.get("KL.SU1.50").neutral().describe()).endsWith("KL.NE1.47.tiff");
        assertThat(s.get("YM.DI2.59").hasNeutral()).isFalse();
        assertThat(s.get("KA.AN1.39").image().read().getWidth()).isEqualTo(Fixtures.SIDE); // TIFF decodes
        assertThat(l.notes()).anySatisfy(n -> assertThat(n).contains("YM has no neutral"));
        assertThat(Fixtures.reasons(l.dataset().skipped())).hasSize(2)
                .anySatisfy(r -> assertThat(r).startsWith("unknown label code 'XX' for JAFFE"))
                .anySatisfy(r -> assertThat(r).contains("SUBJECT.CODEn.NUMBER"));
        assertThat(Fixtures.reasons(l.excluded())).containsExactly("not an image file");

        java.util.List<FoldSubjects> loso = SubjectFolds.kFold(l.dataset(), 0, 1, 0);
        assertThat(loso).hasSize(3);
        assertThat(loso).extracting(FoldSubjects::test).containsExactlyInAnyOrder(java.util.Set.of("KA"),
                java.util.Set.of("KL"), java.util.Set.of("YM"));
    }
}
