package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model.json} keeps the spec readable as before and adds what the weights were trained on. */
class SavedModelTest {
    @TempDir
    Path dir;

    @Test
    void provenanceIsSavedLoadedAndKeptWhenTheModelIsSavedAgain() throws Exception {
        ModelSpec spec = new ModelSpec(ModelKind.ADVERSARIAL, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7,
                Map.of("adv.z", "16", "adv.beta1", "0.5", "adv.mode", "confusion"));
        Map<String, String> trainedOn = Map.of("dataset_fingerprint", "sha256:abc", "seed", "7");
        try (FerModel m = FerModel.create(spec, 7)) {
            m.save(dir.resolve("a"), trainedOn);
        }
        assertThat(FerModel.readSpec(dir.resolve("a"))).isEqualTo(spec);
        try (FerModel loaded = FerModel.load(dir.resolve("a"))) {
            assertThat(loaded.spec()).isEqualTo(spec);
            assertThat(loaded.provenance()).isEqualTo(trainedOn);
            loaded.save(dir.resolve("b"));
        }
        try (FerModel again = FerModel.load(dir.resolve("b"))) {
            assertThat(again.provenance()).isEqualTo(trainedOn);
        }
        // The options are written in key order, so the same spec always gives the same file.
        String json = Files.readString(dir.resolve("a").resolve(FerModel.SPEC_FILE));
        assertThat(json.indexOf("adv.beta1")).isLessThan(json.indexOf("adv.mode"));
        assertThat(json.indexOf("adv.mode")).isLessThan(json.indexOf("adv.z"));
        assertThat(json).contains("\"" + FerModel.PROVENANCE + "\"");
    }

    @Test
    void aModelSavedWithoutProvenanceLoadsWithNone() throws Exception {
        ModelSpec spec = new ModelSpec(ModelKind.BASELINE, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7);
        try (FerModel m = FerModel.create(spec, 1)) {
            m.save(dir.resolve("plain"));
        }
        assertThat(Files.readString(dir.resolve("plain").resolve(FerModel.SPEC_FILE))).doesNotContain(FerModel.PROVENANCE);
        try (FerModel loaded = FerModel.load(dir.resolve("plain"))) {
            assertThat(loaded.provenance()).isEmpty();
        }
    }
}
