package org.fer4j.spark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.spark.Fer4jSpark;
import org.fer4j.spark.LocalSpark;
import org.fer4j.spark.TestImages;
import org.fer4j.spark.predict.AtomicOutput;
import org.fer4j.spark.predict.PredictOptions;
import org.fer4j.spark.predict.PredictionRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Fer4jSparkAppTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path model;
    static Path faces;

    @BeforeAll
    static void setUp() throws IOException {
        spark = LocalSpark.session();
        model = TestImages.model(tmp.resolve("model"), ModelKind.BASELINE, 9);
        faces = tmp.resolve("faces");
        TestImages.write(faces, 12, 4);
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fer4jSparkApp.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void predictWritesTheWholeTableOrNothing() throws IOException {
        Path output = tmp.resolve("out.parquet");
        Run r = run("predict", "--model", model.toString(), "--input", faces.toString(), "--output", output.toString(),
                "--partitions", "2");
        assertThat(r.code()).as(r.err()).isZero();
        Dataset<Row> written = spark.read().parquet(output.toString());
        assertThat(written.count()).isEqualTo(12);
        assertThat(PredictionRows.classes(written.schema())).isEqualTo(TestImages.LABELS.names());
        assertThat(r.out()).contains("12 images, 0 could not be predicted");
        assertThat(siblings(output)).containsExactly("out.parquet");

        Run again = run("predict", "--model", model.toString(), "--input", faces.toString(), "--output", output.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("--output " + output + ": already exists").doesNotContain("\tat ");
    }

    @Test
    void predictDetectOnOnnxRuntimeWritesThePyTorchEnginesRows() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("onnx-photos"));
        javax.imageio.ImageIO.write(org.fer4j.vision.FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112},
                new int[] {3, 190, 30, 112}), "png", photos.resolve("group.png").toFile());
        Path onnx = tmp.resolve("model.onnx");
        try (FerModel m = FerModel.load(model)) {
            org.fer4j.onnx.export.OnnxExport.write(m, onnx, false, "test");
        }
        Path torchOut = tmp.resolve("torch-faces.parquet");
        Path onnxOut = tmp.resolve("onnx-faces.parquet");
        Run t = run("predict", "--detect", "--model", model.toString(), "--input", photos.toString(), "--output", torchOut.toString());
        Run o = run("predict", "--detect", "--engine", "onnx", "--model", onnx.toString(), "--input", photos.toString(),
                "--output", onnxOut.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("1 photos, 2 faces");
        List<Row> a = spark.read().parquet(torchOut.toString()).orderBy("face").collectAsList();
        List<Row> b = spark.read().parquet(onnxOut.toString()).orderBy("face").collectAsList();
        assertThat(b).hasSameSizeAs(a).hasSize(2);
        for (int i = 0; i < a.size(); i++) {
            assertThat((Object) b.get(i).getAs(PredictionRows.LABEL)).isEqualTo(a.get(i).getAs(PredictionRows.LABEL));
            List<Double> want = a.get(i).getList(a.get(i).fieldIndex(PredictionRows.PROBABILITIES));
            List<Double> got = b.get(i).getList(b.get(i).fieldIndex(PredictionRows.PROBABILITIES));
            for (int k = 0; k < want.size(); k++) {
                assertThat(got.get(k)).isCloseTo(want.get(k), org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        Run bad = run("predict", "--engine", "tensorrt", "--model", onnx.toString(), "--input", photos.toString(),
                "--output", tmp.resolve("never.parquet").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown --engine 'tensorrt'; use torch or onnx").doesNotContain("\tat ");
    }

    @Test
    void predictDetectWritesARowPerFaceOfRawPhotos() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        javax.imageio.ImageIO.write(org.fer4j.vision.FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112},
                new int[] {3, 190, 30, 112}), "png", photos.resolve("group.png").toFile());
        javax.imageio.ImageIO.write(org.fer4j.vision.FixtureFaces.frame(200, 160), "png", photos.resolve("nobody.png").toFile());
        Path output = tmp.resolve("faces.parquet");
        Run r = run("predict", "--detect", "--model", model.toString(), "--input", photos.toString(), "--output", output.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 photos, 2 faces, 1 photos without a face, 0 could not be predicted");
        Dataset<Row> written = spark.read().parquet(output.toString());
        assertThat(written.filter(written.col(PredictionRows.BOX).isNotNull()).count()).isEqualTo(2);
    }

    @Test
    void aJobThatFailsLeavesNoOutputBehind() throws IOException {
        Path broken = tmp.resolve("model-broken-later");
        Files.createDirectories(broken);
        for (String f : List.of(FerModel.SPEC_FILE, FerModel.WEIGHTS_FILE)) {
            Files.copy(model.resolve(f), broken.resolve(f));
        }
        Dataset<Row> predictions = Fer4jSpark.predict(Fer4jSpark.images(spark, faces.toString()),
                PredictOptions.builder().setModel(broken.toString()).build()); // the driver's check passes
        Files.writeString(broken.resolve(FerModel.WEIGHTS_FILE), "truncated"); // and the executors find it broken
        Path output = tmp.resolve("failed.parquet");
        assertThatThrownBy(() -> AtomicOutput.writeParquet(spark, predictions, output.toString(), false))
                .hasStackTraceContaining(FerModel.WEIGHTS_FILE);
        assertThat(siblings(output)).doesNotContain("failed.parquet").noneMatch(n -> n.contains("failed.parquet.tmp"));
    }

    @Test
    void badInputIsOneLineOnTheDriver() throws IOException {
        String out = tmp.resolve("never.parquet").toString();
        assertBad(run("predict", "--model", tmp.resolve("missing").toString(), "--input", faces.toString(), "--output", out),
                "--model " + tmp.resolve("missing") + ": no such folder");
        assertBad(run("predict", "--model", model.toString(), "--input", faces.resolve("*.jpg").toString(), "--output", out),
                "matches no image files");
        Path table = tmp.resolve("paths.parquet");
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(faces.resolve("img-000.png").toString())),
                new org.apache.spark.sql.types.StructType().add("file", "string")).write().parquet(table.toString());
        assertBad(run("predict", "--model", model.toString(), "--input", table.toString(), "--output", out),
                "path column 'path' is not a column of the input; its columns are [file]");
        Path paired = TestImages.model(tmp.resolve("paired"), ModelKind.SPNDL, 2);
        assertBad(run("predict", "--model", paired.toString(), "--input", table.toString(), "--path-column", "file",
                "--output", out), "give --neutral-column");
        assertBad(run("predict", "--detector", "bogus", "--model", model.toString(), "--input", faces.toString(), "--output", out),
                "unknown face detector 'bogus'; use one of");
        assertBad(run("predict", "--detect", "--min-face", "3", "--model", model.toString(), "--input", faces.toString(),
                "--output", out), "[24, 12000]");
        assertBad(run("ablation", "--variants", "baseline,ndf+", "--subjects", "6"), "unknown ablation row 'ndf+'");
        assertThat(Path.of(out)).doesNotExist();
    }

    private static void assertBad(Run r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }

    private static List<String> siblings(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p.getParent())) {
            return s.map(x -> x.getFileName().toString()).filter(n -> n.contains(p.getFileName().toString())).sorted().toList();
        }
    }
}
