package org.fer4j.vision.wild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.TestModels;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.detect.blazeface.BlazeFaceDetector;
import org.fer4j.vision.detect.blazeface.BlazeFaceOptions;
import org.fer4j.vision.faceapi.FaceRecognitionModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment by face descriptor on face-api's real demo photos: each person's neutral face is enrolled from a
 * different picture of them (a shifted, shrunk and darkened cut-out of their photo), and every photo's main
 * face is then given that person's neutral face, not another's, and the paired classifier sees it.
 */
class NeutralGalleryTest {
    static BlazeFaceDetector detector;
    static FaceRecognitionModel recognition;
    static final String[] SAMPLES = {"sample1.jpg", "sample2.jpg", "sample3.jpg"};

    @BeforeAll
    static void load() throws IOException {
        detector = BlazeFaceDetector.load(TestModels.require(BlazeFaceDetector.ARTIFACT), BlazeFaceOptions.defaults().withIntraOpThreads(1));
        recognition = FaceRecognitionModel.load(TestModels.require(FaceRecognitionModel.ARTIFACT));
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
        if (recognition != null) {
            recognition.close();
        }
    }

    static BufferedImage photo(String file) throws IOException {
        try (InputStream in = NeutralGalleryTest.class.getResourceAsStream("/org/fer4j/vision/detect/blazeface/" + file)) {
            if (in == null) {
                throw new IOException(file + " not found; run scripts/reference.sh blazeface");
            }
            return ImageIO.read(in);
        }
    }

    static DetectedFace main(BufferedImage img) {
        return detector.detect(img).stream().max(Comparator.comparingDouble(f -> f.box().width())).orElseThrow();
    }

    /** Another picture of the person: their face with a third of its size around it, shrunk to 80 % and darkened. */
    static BufferedImage otherPicture(BufferedImage img, FaceBox b) {
        int x0 = (int) Math.max(0, b.x() - b.width() / 3);
        int y0 = (int) Math.max(0, b.y() - b.height() / 3);
        int x1 = (int) Math.min(img.getWidth(), b.x() + b.width() * 4 / 3);
        int y1 = (int) Math.min(img.getHeight(), b.y() + b.height() * 4 / 3);
        int w = (int) ((x1 - x0) * 0.8);
        int h = (int) ((y1 - y0) * 0.8);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img.getSubimage(x0, y0, x1 - x0, y1 - y0), 0, 0, w, h, null);
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = out.getRGB(x, y);
                int r = ((c >> 16) & 255) * 85 / 100;
                int gr = ((c >> 8) & 255) * 85 / 100;
                int bl = (c & 255) * 85 / 100;
                out.setRGB(x, y, (r << 16) | (gr << 8) | bl);
            }
        }
        return out;
    }

    @Test
    void eachPhotosFaceGetsItsOwnPersonsNeutralFace(@TempDir Path dir) throws IOException {
        Path people = Files.createDirectories(dir.resolve("people"));
        List<PhotoFaces.Photo> photos = new ArrayList<>();
        Map<String, FaceBox> mainFace = new HashMap<>();
        for (int i = 0; i < SAMPLES.length; i++) {
            BufferedImage img = photo(SAMPLES[i]);
            FaceBox b = main(img).box();
            ImageIO.write(otherPicture(img, b), "png", people.resolve("person" + (i + 1) + ".png").toFile());
            photos.add(new PhotoFaces.Photo(SAMPLES[i], new ImageRef.MemoryImage(SAMPLES[i], img), null, null, null));
            mainFace.put(SAMPLES[i], b);
        }
        NeutralGallery gallery = NeutralGallery.enrol(people, detector, recognition, 0.6);
        assertThat(gallery.people()).containsOnlyKeys("person1", "person2", "person3");

        // a paired classifier that answers with the neutral face it was given
        FaceClassifier paired = new FaceClassifier() {
            @Override
            public boolean needsNeutral() {
                return true;
            }

            @Override
            public List<Predictor.Result> classify(List<FaceInput> faces) {
                return faces.stream().map(f -> new Predictor.Result(f.name(), null,
                        "neutral=" + (f.neutral() == null ? "none" : f.neutral().describe()))).toList();
            }
        };
        Map<String, PhotoFaces.Face> found = new HashMap<>();
        new PhotoFaces(detector, FaceCropper.BOX, paired, 8, gallery).run(photos, new PhotoFaces.Sink() {
            @Override
            public void photo(PhotoFaces.Photo photo, BufferedImage image, List<PhotoFaces.Face> faces) {
                FaceBox b = mainFace.get(photo.name());
                for (PhotoFaces.Face f : faces) {
                    if (f.detection().box().equals(b)) {
                        found.put(photo.name(), f);
                    }
                }
            }

            @Override
            public void failed(PhotoFaces.Photo photo, String why) {
                throw new AssertionError(photo.name() + ": " + why);
            }
        });
        for (int i = 0; i < SAMPLES.length; i++) {
            PhotoFaces.Face f = found.get(SAMPLES[i]);
            assertThat(f).as(SAMPLES[i] + "'s main face").isNotNull();
            assertThat(f.neutral().found()).as(SAMPLES[i] + ": " + f.neutral().failure()).isTrue();
            assertThat(f.neutral().person()).as(SAMPLES[i]).isEqualTo("person" + (i + 1));
            assertThat(f.neutral().distance()).isLessThan(0.6);
            assertThat(f.result().failure()).isEqualTo("neutral=neutral of person" + (i + 1));
        }
    }

    @Test
    void aFaceWithNoOneCloseEnoughIsNotPredicted(@TempDir Path dir) throws IOException {
        Path people = Files.createDirectories(dir.resolve("people"));
        BufferedImage one = photo(SAMPLES[0]);
        ImageIO.write(otherPicture(one, main(one).box()), "png", people.resolve("only.png").toFile());
        NeutralGallery strict = NeutralGallery.enrol(people, detector, recognition, 1e-6);
        PhotoFaces.NeutralMatch m = strict.match(one, main(one).box());
        assertThat(m.found()).isFalse();
        assertThat(m.failure()).contains("no enrolled neutral face within").contains("nearest: only at");
    }

    @Test
    void enrolmentPhotosMustShowExactlyOneFace(@TempDir Path dir) throws IOException {
        Path none = Files.createDirectories(dir.resolve("none"));
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png", none.resolve("blank.png").toFile());
        assertThatThrownBy(() -> NeutralGallery.enrol(none, detector, recognition, 0.6)).isInstanceOf(IOException.class)
                .hasMessageContaining("blank.png").hasMessageContaining("exactly one face").hasMessageContaining("found 0");

        BufferedImage group = photo(SAMPLES[0]);
        assertThat(detector.detect(group)).as("sample1 is a group photo").hasSizeGreaterThan(1);
        Path two = Files.createDirectories(dir.resolve("two"));
        ImageIO.write(group, "png", two.resolve("group.png").toFile());
        assertThatThrownBy(() -> NeutralGallery.enrol(two, detector, recognition, 0.6)).isInstanceOf(IOException.class)
                .hasMessageContaining("group.png").hasMessageContaining("exactly one face");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> NeutralGallery.enrol(empty, detector, recognition, 0.6)).isInstanceOf(IOException.class)
                .hasMessageContaining("no neutral photos");
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("bob.jpg"), "not a jpeg");
        assertThatThrownBy(() -> NeutralGallery.enrol(broken, detector, recognition, 0.6)).isInstanceOf(IOException.class)
                .hasMessageContaining("bob.jpg");
    }

    @Test
    void namedPhotosAndAFolderEnrolAlikeAndBadNamesAreRefused(@TempDir Path dir) throws IOException {
        Path people = Files.createDirectories(dir.resolve("people"));
        BufferedImage two = photo(SAMPLES[1]);
        Path file = people.resolve("ann.png");
        ImageIO.write(otherPicture(two, main(two).box()), "png", file.toFile());
        assertThat(NeutralGallery.photosOf(List.of(people.toString()))).isEqualTo(Map.of("ann", file));
        assertThat(NeutralGallery.photosOf(List.of("bo=" + file))).isEqualTo(Map.of("bo", file));
        NeutralGallery byFolder = NeutralGallery.enrol(people, detector, recognition, 0.6);
        NeutralGallery byName = NeutralGallery.enrol(NeutralGallery.photosOf(List.of("bo=" + file)), detector, recognition, 0.6);
        assertThat(byName.people().get("bo").descriptor().values()).as("one enrolment path: the same face, the same descriptor")
                .isEqualTo(byFolder.people().get("ann").descriptor().values());

        assertThatThrownBy(() -> NeutralGallery.photosOf(List.of("ann=" + file, people.toString())))
                .hasMessageContaining("'ann' is enrolled twice").hasMessageContaining(people.toString());
        assertThatThrownBy(() -> NeutralGallery.photosOf(List.of("ann.png"))).hasMessageContaining("ID=FILE");
        assertThatThrownBy(() -> NeutralGallery.photosOf(List.of("=" + file))).hasMessageContaining("person id is empty");
        assertThatThrownBy(() -> NeutralGallery.photosOf(List.of("ann="))).hasMessageContaining("file is empty");
        Path gone = dir.resolve("gone.png");
        assertThatThrownBy(() -> NeutralGallery.enrol(Map.of("cy", gone), detector, recognition, 0.6))
                .isInstanceOf(IOException.class).hasMessageContaining(gone.toString()).hasMessageContaining("'cy'")
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> NeutralGallery.enrol(Map.of("a,b", file), detector, recognition, 0.6))
                .isInstanceOf(IOException.class).hasMessageContaining("'a,b'").hasMessageContaining("comma");
        Path dupes = Files.createDirectories(dir.resolve("dupes"));
        Files.copy(file, dupes.resolve("ann.png"));
        Files.copy(file, dupes.resolve("ann.jpg"));
        assertThatThrownBy(() -> NeutralGallery.photosIn(dupes)).hasMessageContaining("a second neutral photo of 'ann'");
    }
}
