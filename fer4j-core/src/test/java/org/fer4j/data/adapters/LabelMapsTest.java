package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fer4j.data.Emotion;
import org.fer4j.data.LabelMap;
import org.junit.jupiter.api.Test;

/** Every dataset's label codes onto the canonical names, as written in DATASETS.md, entry by entry. */
class LabelMapsTest {

    @Test
    void ckPlus() {
        assertThat(Fixtures.table(CkPlus.LABELS)).containsExactly("0=neutral", "1=anger", "2=contempt", "3=disgust",
                "4=fear", "5=happiness", "6=sadness", "7=surprise");
    }

    @Test
    void ouluCasia() {
        assertThat(Fixtures.table(OuluCasia.LABELS)).containsExactly("Anger=anger", "Disgust=disgust", "Fear=fear",
                "Happiness=happiness", "Sadness=sadness", "Surprise=surprise");
        assertThat(OuluCasia.LABELS.emotion("happiness")).contains(Emotion.HAPPINESS); // folder case does not matter
    }

    @Test
    void rafDb() {
        assertThat(Fixtures.table(RafDb.LABELS)).containsExactly("1=surprise", "2=fear", "3=disgust", "4=happiness",
                "5=sadness", "6=anger", "7=neutral");
    }

    @Test
    void affectNet() {
        assertThat(Fixtures.table(AffectNet.LABELS)).containsExactly("0=neutral", "1=happiness", "2=sadness", "3=surprise",
                "4=fear", "5=disgust", "6=anger", "7=contempt", "8=-", "9=-", "10=-");
        assertThat(AffectNet.LABELS.whyNot("9")).isEqualTo("AffectNet code '9' is dropped: uncertain");
        assertThat(new AffectNet(false).classes().contains(Emotion.CONTEMPT)).isFalse();
        assertThat(new AffectNet(true).classes().contains(Emotion.CONTEMPT)).isTrue();
    }

    @Test
    void fer2013() {
        assertThat(Fixtures.table(Fer2013.LABELS)).containsExactly("0=anger", "1=disgust", "2=fear", "3=happiness",
                "4=sadness", "5=surprise", "6=neutral");
    }

    @Test
    void jaffe() {
        assertThat(Fixtures.table(Jaffe.LABELS)).containsExactly("AN=anger", "DI=disgust", "FE=fear", "HA=happiness",
                "NE=neutral", "SA=sadness", "SU=surprise");
    }

    @Test
    void folderAndManifestNames() {
        assertThat(Fixtures.table(ImageFolder.NAMES)).containsExactly("neutral=neutral", "anger=anger", "angry=anger",
                "contempt=contempt", "disgust=disgust", "disgusted=disgust", "fear=fear", "fearful=fear",
                "happiness=happiness", "happy=happiness", "sadness=sadness", "sad=sadness", "surprise=surprise",
                "surprised=surprise");
        for (Emotion e : Emotion.values()) { // every canonical name is accepted as itself
            assertThat(ImageFolder.NAMES.emotion(e.canonicalName().toUpperCase())).contains(e);
        }
    }

    @Test
    void everyRegisteredAdapterHasItsTableAndName() {
        assertThat(Adapters.all()).extracting(DatasetAdapter::name).containsExactly("ckplus", "oulu", "rafdb", "affectnet",
                "affectnet8", "fer2013", "jaffe", "folder", "manifest");
        assertThat(Adapters.get("CK+").name()).isEqualTo("ckplus");
        assertThatThrownBy(() -> Adapters.get("mnist")).hasMessageContaining("unknown dataset 'mnist'")
                .hasMessageContaining("ckplus");
    }

    @Test
    void tablesRefuseAmbiguityAndNameUnknownCodes() {
        assertThatThrownBy(() -> LabelMap.builder("X").map("1", Emotion.ANGER).map("1", Emotion.FEAR).build())
                .hasMessageContaining("code '1' twice");
        assertThatThrownBy(() -> new LabelMap.Entry("1", Emotion.ANGER, "why")).isInstanceOf(IllegalArgumentException.class);
        assertThat(CkPlus.LABELS.known("8")).isFalse();
        assertThat(CkPlus.LABELS.whyNot("8")).isEqualTo("unknown label code '8' for CK+; known codes: "
                + List.of("0", "1", "2", "3", "4", "5", "6", "7"));
    }
}
