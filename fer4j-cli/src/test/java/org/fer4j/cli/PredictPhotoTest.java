package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.vision.FixtureFaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --detector haar} on raw photos: real faces (face-api's demo faces composited into a
 * grey photo) are found, cropped and predicted one row each, exactly as the crop path predicts the same box.
 */
class PredictPhotoTest {
    @TempDir
    static Path dir;
    static Path baseline;
    static Path spndl;

    @BeforeAll
    static void models() throws Exception {
        baseline = dir.resolve("baseline");
        spndl = dir.resolve("spndl");
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.BASELINE, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), 3)) {
            m.save(baseline);
        }
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.SPNDL, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), 4)) {
            m.save(spndl);
        }
    }

    static Path write(Path file, BufferedImage img) throws Exception {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static List<Map<?, ?>> jsonl(String out) throws Exception {
        List<Map<?, ?>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                rows.add(new ObjectMapper().readValue(line, Map.class));
            }
        }
        return rows;
    }

    @Test
    void everyFaceOfAGroupPhotoIsARowAndTheAnnotatedPhotoIsWritten() throws Exception {
        Path group = write(dir.resolve("group.png"), FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}));
        Path annotated = dir.resolve("out/group-annotated.png");
        CliTest.Run r = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--detector", "haar",
                "--format", "jsonl", "--annotate", annotated.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<Map<?, ?>> rows = jsonl(r.out());
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(m -> (Object) m.get("face")).containsExactlyInAnyOrder(0, 1);
        assertThat(rows).allSatisfy(m -> {
            assertThat(m.get("image")).isEqualTo(group.toString());
            assertThat(((Map<?, ?>) m.get("probabilities"))).hasSize(7);
            assertThat(((Number) m.get("score")).doubleValue()).isBetween(0.0, 1.0);
        });
        assertThat(rows).extracting(m -> ((Number) ((Map<?, ?>) m.get("box")).get("x")).doubleValue() < 160)
                .containsExactlyInAnyOrder(true, false);
        BufferedImage drawn = ImageIO.read(annotated.toFile());
        assertThat(drawn.getWidth()).isEqualTo(320);
        assertThat(drawn.getHeight()).isEqualTo(160);
        BufferedImage original = ImageIO.read(group.toFile());
        int changed = 0;
        for (int y = 0; y < 160; y++) {
            for (int x = 0; x < 320; x++) {
                changed += drawn.getRGB(x, y) != original.getRGB(x, y) ? 1 : 0;
            }
        }
        assertThat(changed).as("pixels of boxes and labels").isGreaterThan(200);

        // The same face through the crop path with the detected box gives the same probabilities.
        Map<?, ?> box = (Map<?, ?>) rows.get(0).get("box");
        CliTest.Run crop = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--face-box",
                box.get("x") + "," + box.get("y") + "," + box.get("width") + "," + box.get("height"), "--format", "jsonl");
        assertThat(crop.code()).as(crop.err()).isZero();
        Map<?, ?> one = (Map<?, ?>) jsonl(crop.out()).get(0).get("probabilities");
        Map<?, ?> inBatch = (Map<?, ?>) rows.get(0).get("probabilities");
        assertThat(one.keySet()).isEqualTo(inBatch.keySet());
        for (Object k : one.keySet()) { // a batch of two rounds differently from a batch of one, in the 7th digit
            assertThat(((Number) one.get(k)).doubleValue()).as("%s", k).isCloseTo(((Number) inBatch.get(k)).doubleValue(),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void cropLandmarksCutsEachFaceByItsLandmarksAsACkPlusModelWasTrained() throws Exception {
        Path group = write(dir.resolve("crop/group.png"), FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}));
        org.fer4j.vision.store.ModelStore store = org.fer4j.vision.TestModels.require(
                org.fer4j.vision.faceapi.FaceLandmarkModel.ARTIFACT); // installs it where --crop finds it
        CliTest.Run byBox = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--detector", "haar",
                "--format", "jsonl");
        CliTest.Run byLandmarks = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(),
                "--detector", "haar", "--crop", "landmarks", "--format", "jsonl");
        assertThat(byLandmarks.code()).as(byLandmarks.err()).isZero();
        List<Map<?, ?>> rows = jsonl(byLandmarks.out());
        List<Map<?, ?>> boxRows = jsonl(byBox.out());
        assertThat(rows).hasSize(2);
        // the same detections (the box column is the detector's) but another crop, so other probabilities
        assertThat(rows.get(0).get("box")).isEqualTo(boxRows.get(0).get("box"));
        assertThat(rows.get(0).get("probabilities")).isNotEqualTo(boxRows.get(0).get("probabilities"));

        // and exactly the crop given by the landmarks' box through the crop path
        BufferedImage photo = ImageIO.read(group.toFile());
        Map<?, ?> b = (Map<?, ?>) rows.get(0).get("box");
        org.fer4j.vision.detect.DetectedFace face = new org.fer4j.vision.detect.DetectedFace(new org.fer4j.data.FaceBox(
                ((Number) b.get("x")).doubleValue(), ((Number) b.get("y")).doubleValue(), ((Number) b.get("width")).doubleValue(),
                ((Number) b.get("height")).doubleValue()), ((Number) rows.get(0).get("score")).doubleValue(), List.of());
        org.fer4j.data.FaceBox lm;
        try (org.fer4j.vision.align.LandmarkLocator locator = org.fer4j.vision.align.LandmarkLocator.load(store)) {
            lm = locator.locate(photo, face).box();
        }
        CliTest.Run crop = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--face-box",
                lm.x() + "," + lm.y() + "," + lm.width() + "," + lm.height(), "--format", "jsonl");
        Map<?, ?> want = (Map<?, ?>) jsonl(crop.out()).get(0).get("probabilities");
        Map<?, ?> got = (Map<?, ?>) rows.get(0).get("probabilities");
        for (Object k : want.keySet()) {
            assertThat(((Number) got.get(k)).doubleValue()).as("%s", k).isCloseTo(((Number) want.get(k)).doubleValue(),
                    org.assertj.core.data.Offset.offset(1e-5));
        }

        CliTest.Run aligned = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(),
                "--detector", "haar", "--crop", "aligned", "--format", "jsonl");
        assertThat(aligned.code()).as(aligned.err()).isZero();
        assertThat(jsonl(aligned.out())).hasSize(2);
        CliTest.Run bogus = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(),
                "--detector", "haar", "--crop", "bogus");
        assertThat(bogus.code()).isEqualTo(2);
        assertThat(bogus.err()).contains("unknown --crop 'bogus'; use one of box, landmarks, aligned");
        CliTest.Run noDetector = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(),
                "--crop", "landmarks");
        assertThat(noDetector.code()).isEqualTo(2);
        assertThat(noDetector.err()).contains("needs --detector");
    }

    /** The face boxes in the row: x, y, w, h. */
    private static double[] box(Map<?, ?> row) {
        Map<?, ?> b = (Map<?, ?>) row.get("box");
        return new double[] {((Number) b.get("x")).doubleValue(), ((Number) b.get("y")).doubleValue(),
                ((Number) b.get("width")).doubleValue(), ((Number) b.get("height")).doubleValue()};
    }

    @Test
    void withLandmarksEachRowCarries68PointsAroundItsFaceAndTheCsvCellParsesBack() throws Exception {
        Path group = write(dir.resolve("lm/group.png"), FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}));
        org.fer4j.vision.TestModels.require(org.fer4j.vision.faceapi.FaceLandmarkModel.ARTIFACT);
        CliTest.Run json = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--detector", "haar",
                "--with-landmarks", "--format", "jsonl");
        assertThat(json.code()).as(json.err()).isZero();
        List<Map<?, ?>> rows = jsonl(json.out());
        assertThat(rows).hasSize(2);
        for (Map<?, ?> row : rows) {
            List<?> pts = (List<?>) row.get("landmarks");
            assertThat(pts).as("68 points").hasSize(68);
            double[] b = box(row);
            double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (Object o : pts) {
                List<?> xy = (List<?>) o;
                assertThat(xy).hasSize(2);
                double x = ((Number) xy.get(0)).doubleValue();
                double y = ((Number) xy.get(1)).doubleValue();
                // in image pixels, inside the face box widened by a quarter of its side
                assertThat(x).isBetween(b[0] - 0.25 * b[2], b[0] + 1.25 * b[2]);
                assertThat(y).isBetween(b[1] - 0.25 * b[3], b[1] + 1.25 * b[3]);
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            // a face's spread, not a point cloud collapsed on the box centre
            assertThat(maxX - minX).isGreaterThan(0.4 * b[2]);
            assertThat(maxY - minY).isGreaterThan(0.4 * b[3]);
        }
        // the second face's points are around the second face, not the first's
        double firstX = ((Number) ((List<?>) ((List<?>) rows.get(0).get("landmarks")).get(30)).get(0)).doubleValue();
        double secondX = ((Number) ((List<?>) ((List<?>) rows.get(1).get("landmarks")).get(30)).get(0)).doubleValue();
        assertThat(Math.abs(firstX - secondX)).isGreaterThan(100);

        // --crop landmarks reuses its points: the same 68 as --crop box located for the rows; the crop differs
        CliTest.Run byLandmarks = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(),
                "--detector", "haar", "--crop", "landmarks", "--with-landmarks", "--format", "jsonl");
        assertThat(byLandmarks.code()).as(byLandmarks.err()).isZero();
        assertThat(jsonl(byLandmarks.out()).get(0).get("landmarks")).isEqualTo(rows.get(0).get("landmarks"));

        // CSV: one column, 'x y;x y;…', that parses back to the JSON's points (one decimal)
        CliTest.Run csv = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--detector", "haar",
                "--with-landmarks", "--format", "csv");
        assertThat(csv.code()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        String[] header = lines.get(0).split(",", -1);
        assertThat(header[header.length - 1]).isEqualTo("landmarks");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
            List<double[]> back = PhotoPredictions.parseLandmarkCell(cells[cells.length - 1]);
            List<?> want = (List<?>) rows.get(i - 1).get("landmarks");
            assertThat(back).hasSize(68);
            for (int k = 0; k < 68; k++) {
                List<?> xy = (List<?>) want.get(k);
                assertThat(back.get(k)[0]).isCloseTo(((Number) xy.get(0)).doubleValue(), org.assertj.core.data.Offset.offset(0.051));
                assertThat(back.get(k)[1]).isCloseTo(((Number) xy.get(1)).doubleValue(), org.assertj.core.data.Offset.offset(0.051));
            }
        }
        // the table has the column too; off by default; crops without a detector refuse it
        CliTest.Run table = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--detector", "haar",
                "--with-landmarks");
        assertThat(table.out().lines().findFirst().orElseThrow()).endsWith("landmarks");
        CliTest.Run plain = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--detector", "haar",
                "--format", "jsonl");
        assertThat(jsonl(plain.out()).get(0).containsKey("landmarks")).isFalse();
        CliTest.Run noDetector = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(),
                "--with-landmarks");
        assertThat(noDetector.code()).isEqualTo(2);
        assertThat(noDetector.err()).contains("--with-landmarks").contains("needs --detector");
    }

    @Test
    void aPhotoWithoutAFaceIsAnEmptyResultAndFoldersAreWalked() throws Exception {
        Path folder = dir.resolve("photos");
        write(folder.resolve("a/one.png"), FixtureFaces.frame(200, 160, new int[] {2, 40, 20, 112}));
        write(folder.resolve("b/c/two.png"), FixtureFaces.frame(200, 160, new int[] {3, 40, 20, 112}));
        write(folder.resolve("empty.png"), FixtureFaces.frame(200, 160));
        Files.writeString(folder.resolve("broken.png"), "not a png");
        Path ann = dir.resolve("ann");
        CliTest.Run r = CliTest.run("predict", "--model", baseline.toString(), "--folder", folder.toString(), "--detector", "haar",
                "--format", "csv", "--annotate", ann.toString(), "--batch-size", "1");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\n");
        assertThat(lines[0]).startsWith("image,face,x,y,width,height,score,label,confidence,");
        assertThat(lines).hasSize(3);
        assertThat(r.out()).contains("one.png").contains("two.png").doesNotContain("empty.png");
        assertThat(r.err()).contains("empty.png: no face found").contains("broken.png").contains("2 faces predicted in 3 of 4 images");
        assertThat(ann.resolve("a/one.png")).isRegularFile();
        assertThat(ann.resolve("b/c/two.png")).isRegularFile();
        assertThat(ann.resolve("empty.png")).isRegularFile();

        CliTest.Run none = CliTest.run("predict", "--model", baseline.toString(), "--image", folder.resolve("empty.png").toString(),
                "--detector", "haar");
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(none.out()).isBlank();
        assertThat(none.err()).contains("no face found");
    }

    @Test
    void aPairedModelTakesTheNeutralPhotosOneFace() throws Exception {
        Path photo = write(dir.resolve("p/target.png"), FixtureFaces.frame(200, 160, new int[] {2, 40, 20, 112}));
        Path neutral = write(dir.resolve("p/neutral.png"), FixtureFaces.frame(180, 150, new int[] {2, 30, 10, 112}));
        Path two = write(dir.resolve("p/two.png"), FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}));
        CliTest.Run r = CliTest.run("predict", "--model", spndl.toString(), "--image", photo.toString(), "--detector", "haar",
                "--neutral", neutral.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        List<?> rows = new ObjectMapper().readValue(r.out(), List.class);
        assertThat(rows).hasSize(1);
        CliTest.Run noNeutral = CliTest.run("predict", "--model", spndl.toString(), "--image", photo.toString(), "--detector", "haar");
        assertThat(noNeutral.code()).isEqualTo(2);
        assertThat(noNeutral.err()).contains("neutral");
        CliTest.Run twoFaces = CliTest.run("predict", "--model", spndl.toString(), "--image", photo.toString(), "--detector", "haar",
                "--neutral", two.toString());
        assertThat(twoFaces.code()).isEqualTo(2);
        assertThat(twoFaces.err()).contains(two.toString()).contains("exactly one face").contains("found 2");
    }

    @Test
    void neutralAutoFromMatchesEachFaceToItsOwnPersonsNeutralPhoto() throws Exception {
        Path people = dir.resolve("auto/people");
        write(people.resolve("ann.png"), FixtureFaces.frame(180, 150, new int[] {2, 30, 10, 112}));
        write(people.resolve("bo.png"), FixtureFaces.frame(190, 160, new int[] {3, 50, 20, 112}));
        Path group = write(dir.resolve("auto/group.png"), FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}));
        CliTest.Run r = CliTest.run("predict", "--model", spndl.toString(), "--image", group.toString(), "--detector", "haar",
                "--neutral-auto-from", people.toString(), "--format", "jsonl");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 neutral faces enrolled").contains("ann, bo");
        List<Map<?, ?>> rows = jsonl(r.out());
        assertThat(rows).hasSize(2);
        for (Map<?, ?> row : rows) {
            double x = ((Number) ((Map<?, ?>) row.get("box")).get("x")).doubleValue();
            String expected = x < 160 ? "ann" : "bo";
            assertThat(row.get("neutral")).as("face at x=" + x).isEqualTo(expected);
            assertThat(((Number) row.get("neutral_distance")).doubleValue()).isLessThan(0.6);
            // the same answer as naming that person's neutral photo by hand
            CliTest.Run byHand = CliTest.run("predict", "--model", spndl.toString(), "--image", group.toString(), "--detector",
                    "haar", "--neutral", people.resolve(expected + ".png").toString(), "--format", "jsonl");
            Map<?, ?> same = jsonl(byHand.out()).stream().filter(m -> m.get("face").equals(row.get("face"))).findFirst().orElseThrow();
            assertThat(row.get("probabilities")).isEqualTo(same.get("probabilities"));
        }
        CliTest.Run strict = CliTest.run("predict", "--model", spndl.toString(), "--image", group.toString(), "--detector", "haar",
                "--neutral-auto-from", people.toString(), "--match-distance", "0.000001");
        assertThat(strict.code()).as(strict.err()).isZero();
        assertThat(strict.out()).isBlank();
        assertThat(strict.err()).contains("no enrolled neutral face within");
        CliTest.Run notPaired = CliTest.run("predict", "--model", baseline.toString(), "--image", group.toString(), "--detector",
                "haar", "--neutral-auto-from", people.toString());
        assertThat(notPaired.code()).isEqualTo(2);
        assertThat(notPaired.err()).contains("paired models");
        CliTest.Run noDetector = CliTest.run("predict", "--model", spndl.toString(), "--image", group.toString(),
                "--neutral-auto-from", people.toString());
        assertThat(noDetector.code()).isEqualTo(2);
        assertThat(noDetector.err()).contains("--detector");
    }
}
