package org.fer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.onnx.export.OnnxExport;
import org.fer4j.spark.predict.BatchPrediction;
import org.fer4j.spark.predict.ModelEngine;
import org.fer4j.spark.predict.PredictOptions;
import org.fer4j.spark.predict.PredictionRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --engine onnx} on {@code local[2]}: the PyTorch engine's rows, and the driver refusing bad files by name. */
class OnnxPredictTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path model;
    static Path onnx;
    static Path folder;

    @BeforeAll
    static void setUp() throws IOException {
        spark = LocalSpark.session();
        model = TestImages.model(tmp.resolve("model"), ModelKind.BASELINE, 3);
        onnx = tmp.resolve("model.onnx");
        try (FerModel m = FerModel.load(model)) {
            OnnxExport.write(m, onnx, false, "test");
        }
        folder = tmp.resolve("faces");
        TestImages.write(folder.resolve("a"), 11, 1);
        TestImages.write(folder.resolve("b"), 8, 2);
        Files.writeString(folder.resolve("b/corrupt.png"), "not a png at all");
    }

    private static List<Row> predict(String modelPath, ModelEngine engine) throws IOException {
        PredictOptions o = PredictOptions.builder().setModel(modelPath).optEngine(engine).optBatchSize(4).build();
        return Fer4jSpark.predict(BatchPrediction.ordered(Fer4jSpark.images(spark, folder.toString()), "path", 3), o)
                .collectAsList();
    }

    @Test
    void onnxRuntimeOnTheExecutorsGivesThePyTorchRows() throws IOException {
        List<Row> torch = predict(model.toString(), ModelEngine.TORCH);
        List<Row> ort = predict(onnx.toString(), ModelEngine.ONNX);
        assertThat(ort).hasSameSizeAs(torch).hasSize(20);
        int compared = 0;
        for (int i = 0; i < torch.size(); i++) {
            Row a = torch.get(i);
            Row b = ort.get(i);
            assertThat((String) b.getAs("path")).isEqualTo(a.getAs("path"));
            assertThat((Object) b.getAs(PredictionRows.LABEL)).isEqualTo(a.getAs(PredictionRows.LABEL));
            assertThat((Object) b.getAs(PredictionRows.ERROR)).isEqualTo(a.getAs(PredictionRows.ERROR));
            if (a.isNullAt(a.fieldIndex(PredictionRows.PROBABILITIES))) {
                assertThat((String) b.getAs(PredictionRows.ERROR)).contains("corrupt.png");
                continue;
            }
            List<Double> want = a.getList(a.fieldIndex(PredictionRows.PROBABILITIES));
            List<Double> got = b.getList(b.fieldIndex(PredictionRows.PROBABILITIES));
            assertThat(got).hasSameSizeAs(want);
            for (int k = 0; k < want.size(); k++) {
                assertThat(got.get(k)).isCloseTo(want.get(k), org.assertj.core.data.Offset.offset(1e-4));
            }
            compared++;
        }
        assertThat(compared).isEqualTo(19);
        assertThat(PredictionRows.classes(Fer4jSpark.predict(Fer4jSpark.images(spark, folder.toString()),
                PredictOptions.builder().setModel(onnx.toString()).optEngine(ModelEngine.ONNX).build()).schema()))
                .isEqualTo(TestImages.LABELS.names());
    }

    @Test
    void theDriverRefusesFilesOfTheWrongKindNamingThem() throws IOException {
        Dataset<Row> paths = Fer4jSpark.images(spark, folder.toString());
        Path text = Files.writeString(tmp.resolve("text.onnx"), "hello");
        assertThatThrownBy(() -> Fer4jSpark.predict(paths, PredictOptions.builder().setModel(text.toString())
                .optEngine(ModelEngine.ONNX).build())).hasMessageStartingWith("--model " + text + ": not an ONNX model");
        assertThatThrownBy(() -> Fer4jSpark.predict(paths, PredictOptions.builder().setModel(tmp.resolve("gone.onnx").toString())
                .optEngine(ModelEngine.ONNX).build())).hasMessageContaining("gone.onnx: no such ONNX file");
        assertThatThrownBy(() -> Fer4jSpark.predict(paths, PredictOptions.builder().setModel(model.toString())
                .optEngine(ModelEngine.ONNX).build())).hasMessageContaining(model + ": no such ONNX file (a folder");
        assertThatThrownBy(() -> Fer4jSpark.predict(paths, PredictOptions.builder().setModel(onnx.toString()).build()))
                .hasMessageContaining(onnx + ": an ONNX file; run it with --engine onnx");
        assertThatThrownBy(() -> ModelEngine.parse("tensorrt")).hasMessage("unknown --engine 'tensorrt'; use torch or onnx");
    }
}
