package org.fer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fer4j.data.ImageRef;
import org.fer4j.inference.Predictor;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.spark.predict.BatchPrediction;
import org.fer4j.spark.predict.PredictOptions;
import org.fer4j.spark.predict.PredictionRows;
import org.fer4j.vision.FixtureFaces;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectors;
import org.fer4j.vision.wild.FaceClassifier;
import org.fer4j.vision.wild.PhotoFaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --detect} on Spark: raw photos give one row per face, equal to the single-machine photo path. */
class DetectPredictTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path model;
    static Path folder;

    @BeforeAll
    static void setUp() throws IOException {
        spark = LocalSpark.session();
        model = TestImages.model(tmp.resolve("model"), ModelKind.BASELINE, 3);
        folder = tmp.resolve("photos");
        write(folder.resolve("a/group.png"), FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}));
        write(folder.resolve("a/one.png"), FixtureFaces.frame(200, 160, new int[] {2, 40, 20, 112}));
        write(folder.resolve("b/other.png"), FixtureFaces.frame(200, 160, new int[] {3, 50, 30, 100}));
        write(folder.resolve("b/empty.png"), FixtureFaces.frame(200, 160));
        Files.writeString(folder.resolve("b/corrupt.png"), "not a png at all");
    }

    private static Path write(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static String local(Row r) {
        return Path.of(java.net.URI.create(r.getAs("path"))).toString();
    }

    /** What {@code fer4j predict --detector haar} computes on one machine: photo path → its faces. */
    private static Map<String, List<PhotoFaces.Face>> singleMachine(Path modelDir, List<PhotoFaces.Photo> photos, boolean paired)
            throws IOException {
        Map<String, List<PhotoFaces.Face>> out = new HashMap<>();
        try (FerModel m = FerModel.load(modelDir); Predictor p = new Predictor(m);
                FaceDetector d = FaceDetectors.open("haar", FaceDetectors.Options.defaults())) {
            new PhotoFaces(d, FaceCropper.BOX, FaceClassifier.of(p, paired), 7).run(photos, new PhotoFaces.Sink() {
                @Override
                public void photo(PhotoFaces.Photo photo, BufferedImage image, List<PhotoFaces.Face> faces) {
                    out.put(photo.name(), faces);
                }

                @Override
                public void failed(PhotoFaces.Photo photo, String why) {
                    out.put(photo.name(), null);
                }
            });
        }
        return out;
    }

    @Test
    void everyFaceOfEveryPhotoIsARowEqualToTheSingleMachineRunAndNoPhotoIsLost() throws IOException {
        List<PhotoFaces.Photo> photos = new ArrayList<>();
        for (String name : List.of("a/group.png", "a/one.png", "b/other.png", "b/empty.png")) {
            Path p = folder.resolve(name);
            photos.add(new PhotoFaces.Photo(p.toString(), ImageRef.of(p), null, null, null));
        }
        Map<String, List<PhotoFaces.Face>> single = singleMachine(model, photos, false);
        assertThat(single.get(folder.resolve("a/group.png").toString())).hasSize(2); // the fixture is what it should be

        PredictOptions o = PredictOptions.builder().setModel(model.toString()).optDetector("haar").optBatchSize(2).build();
        List<Row> rows = Fer4jSpark.predict(BatchPrediction.ordered(Fer4jSpark.images(spark, folder.toString()), "path", 2), o)
                .collectAsList();
        assertThat(rows).hasSize(2 + 1 + 1 + 1 + 1); // group's two faces, one, other, empty and corrupt as error rows
        int faces = 0;
        for (Row r : rows) {
            String path = local(r);
            if (path.endsWith("corrupt.png")) {
                assertThat((String) r.getAs(PredictionRows.ERROR)).contains("corrupt.png");
                continue;
            }
            if (path.endsWith("empty.png")) {
                assertThat((String) r.getAs(PredictionRows.ERROR)).isEqualTo("no face found");
                assertThat((Object) r.getAs(PredictionRows.FACE)).isNull();
                continue;
            }
            int index = r.getAs(PredictionRows.FACE);
            PhotoFaces.Face expected = single.get(path).get(index);
            Row box = r.getAs(PredictionRows.BOX);
            assertThat(box.getDouble(0)).isEqualTo(expected.detection().box().x());
            assertThat(box.getDouble(2)).isEqualTo(expected.detection().box().width());
            assertThat((String) r.getAs(PredictionRows.LABEL)).isEqualTo(expected.result().prediction().label());
            List<Double> got = r.getList(r.fieldIndex(PredictionRows.PROBABILITIES));
            double[] want = expected.result().prediction().probabilities();
            for (int k = 0; k < want.length; k++) {
                assertThat(got.get(k)).isCloseTo(want[k], org.assertj.core.data.Offset.offset(1e-6));
            }
            faces++;
        }
        assertThat(faces).isEqualTo(4);
        // a photo's faces come out in the detector's order, one after another
        List<Integer> groupFaces = rows.stream().filter(r -> local(r).endsWith("group.png"))
                .map(r -> (Integer) r.getAs(PredictionRows.FACE)).toList();
        assertThat(groupFaces).containsExactly(0, 1);
    }

    @Test
    void aPairedModelDetectsTheFaceOfEachRowsNeutralPhoto() throws IOException {
        Path paired = TestImages.model(tmp.resolve("paired"), ModelKind.SPNDL, 5);
        Path target = folder.resolve("a/one.png");
        Path neutral = write(tmp.resolve("n/neutral.png"), FixtureFaces.frame(180, 150, new int[] {2, 30, 10, 112}));
        Path twoFaces = folder.resolve("a/group.png");
        Dataset<Row> table = spark.createDataFrame(List.of(RowFactory.create(target.toString(), neutral.toString()),
                RowFactory.create(target.toString(), twoFaces.toString())),
                new StructType().add("path", "string").add("neutral", "string"));
        List<Row> out = Fer4jSpark.predict(table, PredictOptions.builder().setModel(paired.toString()).optDetector("haar")
                .optNeutralColumn("neutral").build()).collectAsList();
        assertThat(out).hasSize(2);
        Map<String, List<PhotoFaces.Face>> single = singleMachine(paired,
                List.of(new PhotoFaces.Photo(target.toString(), ImageRef.of(target), null, ImageRef.of(neutral), null)), true);
        double[] want = single.get(target.toString()).get(0).result().prediction().probabilities();
        List<Double> got = out.get(0).getList(out.get(0).fieldIndex(PredictionRows.PROBABILITIES));
        assertThat((Object) out.get(0).getAs(PredictionRows.ERROR)).isNull();
        assertThat(got.get(0)).isCloseTo(want[0], org.assertj.core.data.Offset.offset(1e-6));
        // a neutral photo with two faces cannot say which is the person's: an error row naming it
        assertThat((String) out.get(1).getAs(PredictionRows.ERROR)).contains("group.png").contains("exactly one face");
    }

    @Test
    void anUnknownDetectorOrBadLimitsFailOnTheDriver() throws IOException {
        Dataset<Row> photos = Fer4jSpark.images(spark, folder.toString());
        assertThatThrownBy(() -> Fer4jSpark.predict(photos, PredictOptions.builder().setModel(model.toString())
                .optDetector("bogus").build()))
                .hasMessageContaining("unknown face detector 'bogus'").hasMessageContaining("haar");
        assertThatThrownBy(() -> PredictOptions.builder().setModel(model.toString()).optDetector("haar").optMinFaceSide(3).build())
                .hasMessageContaining("[24, 12000]");
        assertThatThrownBy(() -> PredictOptions.builder().setModel(model.toString()).optDetector("haar").optMinScore(2).build())
                .hasMessageContaining("[0, 1]");
    }
}
