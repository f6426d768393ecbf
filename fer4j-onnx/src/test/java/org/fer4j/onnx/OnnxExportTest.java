package org.fer4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fer4j.batches.PairedBatch;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.inference.ModelRunner;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.onnx.export.OnnxExport;
import org.fer4j.onnx.runtime.OnnxClassifier;
import org.fer4j.testing.BatchNormStatistics;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every model kind exported, loaded and run by ONNX Runtime gives fer4j's own (unfolded) logits and
 * features within 1e-4 on 64 synthetic faces, with BatchNorm statistics far from the identity.
 */
class OnnxExportTest {
    @TempDir
    Path dir;

    static ModelSpec spec(ModelKind kind) {
        int size = kind == ModelKind.SPNDL_NO_NEUTRAL ? 48 : 32; // one kind at another size: sizes are not hard-wired
        return new ModelSpec(kind, 1.0 / 16, Preprocessing.rgb(size), LabelSet.CK_PLUS_7);
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void exportedModelGivesFer4jsLogitsAndFeaturesWithin1e4(ModelKind kind) throws Exception {
        Path file = dir.resolve(kind.cliName() + ".onnx");
        try (FerModel model = FerModel.create(spec(kind), 21)) {
            BatchNormStatistics.randomise(model, 22);
            PairedBatch batch = ExportedFaces.batch(model.spec().preprocessing());
            float[][] fer4j;
            try (ModelRunner runner = new ModelRunner(model)) {
                fer4j = runner.forward(batch, out -> new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray()});
            }
            OnnxExport.write(model, file, false, "test");
            try (OnnxClassifier onnx = OnnxClassifier.open(file)) {
                assertThat(onnx.info().kind()).isEqualTo(kind.cliName());
                assertThat(onnx.needsNeutral()).isEqualTo(kind.needsNeutral());
                assertThat(onnx.preprocessing()).isEqualTo(model.spec().preprocessing());
                assertThat(onnx.labels()).isEqualTo(model.spec().labels());
                OnnxClassifier.Outputs out = onnx.run(batch, true);
                assertClose(kind + " logits", fer4j[0], out.logits());
                assertClose(kind + " features", fer4j[1], out.features());
            }
        }
    }

    static void assertClose(String what, float[] expected, float[] actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double maxDiff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(scale).as("%s are not trivial", what).isGreaterThan(1e-2);
        assertThat(maxDiff).as("%s: largest difference", what).isLessThan(1e-4);
    }
}
