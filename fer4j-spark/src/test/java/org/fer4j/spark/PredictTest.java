package org.fer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.data.ImageRef;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Predictor;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.spark.predict.BatchPrediction;
import org.fer4j.spark.predict.PredictOptions;
import org.fer4j.spark.predict.PredictionRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path model;
    static Path folder;
    static List<Path> images;

    @BeforeAll
    static void setUp() throws IOException {
        spark = LocalSpark.session();
        model = TestImages.model(tmp.resolve("model"), ModelKind.BASELINE, 3);
        folder = tmp.resolve("faces");
        images = TestImages.write(folder.resolve("a"), 23, 1);
        images.addAll(TestImages.write(folder.resolve("b"), 14, 2));
        Files.writeString(folder.resolve("b/corrupt.png"), "not a png at all");
        byte[] png = Files.readAllBytes(images.get(0));
        Files.write(folder.resolve("b/truncated.png"), java.util.Arrays.copyOf(png, png.length / 3));
        Files.writeString(folder.resolve("notes.txt"), "not an image, not listed");
    }

    private static Dataset<Row> predictFolder(int partitions) throws IOException {
        PredictOptions o = PredictOptions.builder().setModel(model.toString()).optBatchSize(5).build();
        return Fer4jSpark.predict(BatchPrediction.ordered(Fer4jSpark.images(spark, folder.toString()), "path", partitions), o);
    }

    @Test
    void equalsTheSingleMachinePredictorRowForRowAndReportsCorruptImagesAsErrorRows() throws IOException {
        Map<String, Predictor.Result> single = new HashMap<>();
        try (FerModel m = FerModel.load(model); Predictor p = new Predictor(m)) {
            List<FaceInput> inputs = new ArrayList<>();
            for (Path i : images) {
                inputs.add(new FaceInput(i.toString(), ImageRef.of(i), null, null));
            }
            for (Predictor.Result r : p.predictEach(inputs)) { // one batch of 37: other batches than Spark's 5
                single.put(r.name(), r);
            }
        }
        List<Row> rows = predictFolder(3).collectAsList();
        assertThat(rows).hasSize(images.size() + 2);
        int compared = 0;
        for (Row r : rows) {
            String path = Path.of(java.net.URI.create(r.getAs("path"))).toString();
            if (path.endsWith("corrupt.png") || path.endsWith("truncated.png")) {
                assertThat((String) r.getAs(PredictionRows.ERROR)).contains(path.substring(path.lastIndexOf('/') + 1));
                assertThat((Object) r.getAs(PredictionRows.LABEL)).isNull();
                continue;
            }
            Predictor.Result expected = single.get(path);
            assertThat(expected).as(path).isNotNull();
            assertThat((Object) r.getAs(PredictionRows.ERROR)).isNull();
            assertThat((String) r.getAs(PredictionRows.LABEL)).isEqualTo(expected.prediction().label());
            assertThat((int) r.getAs(PredictionRows.FACE)).isZero();
            List<Double> probs = r.getList(r.fieldIndex(PredictionRows.PROBABILITIES));
            double[] want = expected.prediction().probabilities();
            assertThat(probs).hasSize(want.length);
            for (int k = 0; k < want.length; k++) {
                assertThat(probs.get(k)).isCloseTo(want[k], org.assertj.core.data.Offset.offset(1e-6));
            }
            compared++;
        }
        assertThat(compared).isEqualTo(images.size());
    }

    @Test
    void givesTheSamePartitionsInTheSameOrderOnEveryRun() throws IOException {
        List<Row> first = predictFolder(3).withColumn("part", spark_partition_id()).collectAsList();
        List<Row> second = predictFolder(3).withColumn("part", spark_partition_id()).collectAsList();
        assertThat(second).isEqualTo(first);
        List<String> byPartition = first.stream().map(r -> r.getAs("part") + " " + r.getAs("path")).toList();
        assertThat(byPartition).isSorted(); // ranges of the path, each in path order
        assertThat(first.stream().map(r -> (int) r.getAs("part")).distinct().count()).isGreaterThan(1);
    }

    @Test
    void bytesFromTheBinaryFileSourceGiveWhatThePathsGive() throws IOException {
        PredictOptions o = PredictOptions.builder().setModel(model.toString()).build();
        Dataset<Row> withBytes = spark.read().format("binaryFile").option("recursiveFileLookup", true)
                .option("pathGlobFilter", "*.png").load(folder.toString());
        Map<String, Row> fromBytes = new HashMap<>();
        Dataset<Row> predicted = Fer4jSpark.predict(withBytes, o);
        assertThat(predicted.columns()).contains("length", "modificationTime").doesNotContain(PredictOptions.CONTENT);
        predicted.collectAsList().forEach(r -> fromBytes.put(r.getAs("path"), r));
        List<Row> fromPaths = predictFolder(2).collectAsList();
        assertThat(fromBytes).hasSize(fromPaths.size());
        for (Row r : fromPaths) {
            Row b = fromBytes.get((String) r.getAs("path"));
            assertThat((Object) b.getAs(PredictionRows.LABEL)).isEqualTo(r.getAs(PredictionRows.LABEL));
            if (!r.isNullAt(r.fieldIndex(PredictionRows.PROBABILITIES))) { // other batches: equal up to rounding
                List<Double> want = r.getList(r.fieldIndex(PredictionRows.PROBABILITIES));
                List<Double> got = b.getList(b.fieldIndex(PredictionRows.PROBABILITIES));
                for (int k = 0; k < want.size(); k++) {
                    assertThat(got.get(k)).isCloseTo(want.get(k), org.assertj.core.data.Offset.offset(1e-6));
                }
            }
            assertThat(b.isNullAt(b.fieldIndex(PredictionRows.ERROR))).isEqualTo(r.isNullAt(r.fieldIndex(PredictionRows.ERROR)));
        }
    }

    @Test
    void classesTravelWithTheProbabilities() throws IOException {
        assertThat(PredictionRows.classes(predictFolder(2).schema())).isEqualTo(TestImages.LABELS.names());
    }

    @Test
    void aTableOfPathsWithAMissingFileGivesAnErrorRowForIt() throws IOException {
        List<Row> table = List.of(org.apache.spark.sql.RowFactory.create(images.get(3).toString(), "x"),
                org.apache.spark.sql.RowFactory.create(tmp.resolve("gone.png").toString(), "y"));
        Dataset<Row> df = spark.createDataFrame(table, new org.apache.spark.sql.types.StructType()
                .add("file", "string").add("id", "string"));
        List<Row> out = Fer4jSpark.predict(df, PredictOptions.builder().setModel(model.toString()).optPathColumn("file")
                .build()).collectAsList();
        assertThat(out).extracting(r -> (String) r.getAs("id")).containsExactly("x", "y");
        assertThat((Object) out.get(0).getAs(PredictionRows.ERROR)).isNull();
        assertThat((String) out.get(1).getAs(PredictionRows.ERROR)).contains("gone.png").contains("not found");
    }

    @Test
    void refusesOnTheDriverWhatCanBeCheckedThere() throws IOException {
        Dataset<Row> paths = Fer4jSpark.images(spark, folder.toString());
        assertThatThrownBy(() -> Fer4jSpark.predict(paths, PredictOptions.builder().setModel(tmp.resolve("nope").toString()).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("no such folder");
        assertThatThrownBy(() -> Fer4jSpark.predict(paths, PredictOptions.builder().setModel(model.toString())
                .optNeutralColumn("neutral").build()))
                .hasMessageContaining("--neutral-column 'neutral' is not a column");
        Path paired = TestImages.model(tmp.resolve("paired"), ModelKind.SPNDL, 4);
        assertThatThrownBy(() -> Fer4jSpark.predict(paths, PredictOptions.builder().setModel(paired.toString()).build()))
                .hasMessageContaining("neutral face").hasMessageContaining("--neutral-column");
        assertThatThrownBy(() -> Fer4jSpark.images(spark, tmp.resolve("faces/*/*.jpeg").toString()))
                .hasMessageContaining("matches no image files");
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.copy(model.resolve(FerModel.SPEC_FILE), broken.resolve(FerModel.SPEC_FILE));
        Files.writeString(broken.resolve(FerModel.WEIGHTS_FILE), "garbage");
        assertThatThrownBy(() -> Fer4jSpark.predict(paths, PredictOptions.builder().setModel(broken.toString()).build()))
                .hasMessageContaining(FerModel.WEIGHTS_FILE);
    }

    @Test
    void pairsEachFaceWithItsNeutralColumn() throws IOException {
        Path paired = TestImages.model(tmp.resolve("paired-ok"), ModelKind.SPNDL, 5);
        Dataset<Row> df = spark.createDataFrame(List.of(
                org.apache.spark.sql.RowFactory.create(images.get(1).toString(), images.get(2).toString()),
                org.apache.spark.sql.RowFactory.create(images.get(4).toString(), null)),
                new org.apache.spark.sql.types.StructType().add("path", "string").add("neutral", "string"));
        List<Row> out = Fer4jSpark.predict(df, PredictOptions.builder().setModel(paired.toString())
                .optNeutralColumn("neutral").build()).collectAsList();
        try (FerModel m = FerModel.load(paired); Predictor p = new Predictor(m)) {
            double[] want = p.predict(List.of(new FaceInput("x", ImageRef.of(images.get(1)), ImageRef.of(images.get(2)), null)))
                    .get(0).probabilities();
            List<Double> got = out.get(0).getList(out.get(0).fieldIndex(PredictionRows.PROBABILITIES));
            assertThat(got.get(0)).isCloseTo(want[0], org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat((String) out.get(1).getAs(PredictionRows.ERROR)).contains("neutral");
    }
}
