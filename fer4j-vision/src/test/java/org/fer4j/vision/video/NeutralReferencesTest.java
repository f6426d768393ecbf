package org.fer4j.vision.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.data.Preprocessing;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Prediction;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.wild.FaceClassifier;
import org.fer4j.vision.wild.PhotoFaces;
import org.junit.jupiter.api.Test;

/**
 * The choice of each person's neutral reference: the most neutral frame so far (a running choice),
 * within the first K frames for {@code first:K}, the same however frames are batched, and a kept
 * reference crops exactly as the whole frame would.
 */
class NeutralReferencesTest {
    /** A scorer that reads the face's grey level as its neutrality: frames are scripted by brightness. */
    static final FaceClassifier BRIGHTNESS = new FaceClassifier() {
        @Override
        public boolean needsNeutral() {
            return false;
        }

        @Override
        public List<Predictor.Result> classify(List<FaceInput> faces) {
            List<Predictor.Result> out = new ArrayList<>();
            for (FaceInput f : faces) {
                try {
                    BufferedImage img = f.image().read();
                    FaceBox b = f.box();
                    double n = (img.getRGB((int) (b.x() + b.width() / 2), (int) (b.y() + b.height() / 2)) & 0xff) / 255.0;
                    out.add(new Predictor.Result(f.name(), new Prediction(f.name(), n > 0.5 ? "neutral" : "happiness",
                            Math.max(n, 1 - n), List.of("neutral", "happiness"), new double[] {n, 1 - n}), null));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        }
    };

    static FaceCropper.Crop frame(int grey) {
        BufferedImage img = new BufferedImage(120, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, 120, 100);
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(40, 30, 40, 40);
        g.dispose();
        return new FaceCropper.Crop(img, new FaceBox(40, 30, 40, 40));
    }

    /** Track 1's grey level per frame: most neutral (brightest) at frame 3, then brighter still at frame 7. */
    static final int[] GREYS = {100, 120, 90, 200, 150, 60, 180, 250, 10, 30};

    static List<Long> referenceFrames(NeutralReferences refs, int batch) {
        List<Long> out = new ArrayList<>();
        for (int start = 0; start < GREYS.length; start += batch) {
            List<NeutralReferences.Face> faces = new ArrayList<>();
            for (int i = start; i < Math.min(GREYS.length, start + batch); i++) {
                faces.add(new NeutralReferences.Face(1, i, frame(GREYS[i])));
            }
            refs.referencesFor(faces).forEach(r -> out.add(r == null ? -1L : r.frame()));
        }
        return out;
    }

    @Test
    void autoKeepsTheMostNeutralFrameSoFarWhateverTheBatching() {
        // frames 0-2 are rated happiness first (grey ≤ 127): no reference until frame 3, the first rated neutral
        List<Long> expected = List.of(-1L, -1L, -1L, 3L, 3L, 3L, 3L, 7L, 7L, 7L);
        for (int batch : new int[] {1, 3, 10}) {
            assertThat(referenceFrames(new NeutralReferences(NeutralReferences.Mode.AUTO, 0, BRIGHTNESS), batch))
                    .as("batch %d", batch).isEqualTo(expected);
        }
    }

    /**
     * A neutral ranker (a paired scorer): the brighter of the two faces is the more neutral, {@code P(neutral)} a
     * logistic of the grey levels' difference plus {@code bias} (the level of two equal faces).
     */
    static FaceClassifier ranker(double bias) {
        return new FaceClassifier() {
            @Override
            public boolean needsNeutral() {
                return true;
            }

            @Override
            public List<Predictor.Result> classify(List<FaceInput> faces) {
                List<Predictor.Result> out = new ArrayList<>();
                for (FaceInput f : faces) {
                    double d = grey(f.image(), f.box()) - grey(f.neutral(), f.neutralBox());
                    double n = 1 / (1 + Math.exp(-(d / 100 + bias)));
                    out.add(new Predictor.Result(f.name(), new Prediction(f.name(), n > 0.5 ? "neutral" : "happiness",
                            Math.max(n, 1 - n), List.of("neutral", "happiness"), new double[] {n, 1 - n}), null));
                }
                return out;
            }
        };
    }

    static double grey(org.fer4j.data.ImageRef image, FaceBox b) {
        try {
            return image.read().getRGB((int) (b.x() + b.width() / 2), (int) (b.y() + b.height() / 2)) & 0xff;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aNeutralRankerComparesEachFrameWithTheTracksFirstAndWaitsForEvidence() {
        // anchor 100; frames 1 (120) and 2 (90) are within the margin of it (two-way scores 0.10 and −0.05): no evidence,
        // no reference; frame 3 (200, 0.46) is clearly more neutral than the anchor and becomes the reference; 150 is
        // within the margin and 180 (0.38) less neutral than 200; 250 (0.64) wins
        List<Long> expected = List.of(-1L, -1L, -1L, 3L, 3L, 3L, 3L, 7L, 7L, 7L);
        for (int batch : new int[] {1, 3, 10}) {
            assertThat(referenceFrames(new NeutralReferences(NeutralReferences.Mode.AUTO, 0, ranker(0)), batch))
                    .as("batch %d", batch).isEqualTo(expected);
        }
        // asked both ways the ranker's bias cancels: one that rates two equal faces 0.73 neutral gives the same choice
        // (120 against 100: 0.77 one way, 0.69 the other)
        assertThat(referenceFrames(new NeutralReferences(NeutralReferences.Mode.AUTO, 0, ranker(1)), 4)).isEqualTo(expected);
    }

    @Test
    void aNeutralRankerKeepsTheFirstFrameOnceAClearlyMoreExpressiveFrameShowsItIsTheNeutralOne() {
        NeutralReferences refs = new NeutralReferences(NeutralReferences.Mode.AUTO, 0, ranker(0));
        List<NeutralReferences.Ref> r = refs.referencesFor(List.of(new NeutralReferences.Face(1, 0, frame(200)),
                new NeutralReferences.Face(1, 1, frame(190)), new NeutralReferences.Face(1, 2, frame(60)),
                new NeutralReferences.Face(1, 3, frame(195))));
        assertThat(r.get(0)).as("one frame alone says nothing").isNull();
        assertThat(r.get(1)).as("190 against 200: within the margin").isNull();
        assertThat(r.get(2).frame()).as("60 is clearly the more expressive: the anchor is the reference").isEqualTo(0L);
        assertThat(r.get(3).frame()).isEqualTo(0L);
        refs.retain(List.of());
        assertThat(refs.referencesFor(List.of(new NeutralReferences.Face(1, 9, frame(60)))).get(0))
                .as("an ended track's anchor is forgotten").isNull();
    }

    @Test
    void firstKOnlyLooksAtTheTracksFirstFrames() {
        assertThat(referenceFrames(new NeutralReferences(NeutralReferences.Mode.FIRST, 5, BRIGHTNESS), 4))
                .isEqualTo(List.of(0L, 1L, 1L, 3L, 3L, 3L, 3L, 3L, 3L, 3L));
        assertThat(referenceFrames(new NeutralReferences(NeutralReferences.Mode.FIRST, 30, null), 4))
                .as("without a scorer: the track's first frame").containsOnly(0L);
    }

    @Test
    void tracksAreIndependentAndEndedTracksAreForgotten() {
        NeutralReferences refs = new NeutralReferences(NeutralReferences.Mode.AUTO, 0, BRIGHTNESS);
        List<NeutralReferences.Ref> r = refs.referencesFor(List.of(new NeutralReferences.Face(1, 0, frame(50)),
                new NeutralReferences.Face(2, 0, frame(250)), new NeutralReferences.Face(1, 1, frame(90))));
        assertThat(r.get(0)).as("track 1's first frame is not rated neutral: no reference").isNull();
        assertThat(r.get(1).frame()).isEqualTo(0L);
        assertThat(r.get(2)).isNull();
        assertThat(refs.referencesFor(List.of(new NeutralReferences.Face(1, 2, frame(200)))).get(0).frame()).isEqualTo(2L);
        refs.retain(List.of(2));
        assertThat(refs.referencesFor(List.of(new NeutralReferences.Face(1, 5, frame(10)))).get(0))
                .as("track 1 ended: a person with that id again starts afresh, without a reference").isNull();
        assertThat(refs.referencesFor(List.of(new NeutralReferences.Face(1, 6, frame(220)))).get(0).frame()).isEqualTo(6L);
    }

    @Test
    void aKeptReferenceCropsLikeTheWholeFrame() {
        Preprocessing pre = new Preprocessing(48, 3, 0.4, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        java.util.Random rnd = new java.util.Random(3);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                img.setRGB(x, y, rnd.nextInt(0x1000000));
            }
        }
        for (FaceBox b : new FaceBox[] {new FaceBox(100, 60, 50, 40), new FaceBox(2, 3, 40, 60), new FaceBox(250, 150, 45, 45)}) {
            FaceCropper.Crop kept = NeutralReferences.keep(new FaceCropper.Crop(img, b));
            assertThat(kept.image().getWidth() * kept.image().getHeight()).isLessThan(300 * 200);
            assertThat(pre.pixels(kept.image(), kept.box())).as("box %s", b).isEqualTo(pre.pixels(img, b));
        }
    }

    @Test
    void badSpecsAreRefused() {
        assertThatThrownBy(() -> NeutralReferences.parse("first:", null)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> NeutralReferences.parse("last:3", null)).hasMessageContaining("auto or first:K");
        assertThat(NeutralReferences.parse("first:7", null)).isNotNull();
    }

    /** Enrolled people for the fake matcher: a grey level at the face's centre names who it is. */
    static final BufferedImage ANN = frame(50).image();
    static final BufferedImage BO = frame(200).image();

    @Test
    void enrolledTracksTakeTheirMatchedPersonsFaceOnceAndUnmatchedOnesAreRetried() {
        java.util.Map<Integer, Integer> asked = new java.util.HashMap<>(); // grey level → times matched
        PhotoFaces.NeutralMatcher byGrey = (photo, box) -> {
            int grey = photo.getRGB((int) (box.x() + box.width() / 2), (int) (box.y() + box.height() / 2)) & 0xff;
            asked.merge(grey, 1, Integer::sum);
            DetectedFace face = new DetectedFace(new FaceBox(40, 30, 40, 40), 1, List.of());
            return switch (grey) {
                case 50 -> new PhotoFaces.NeutralMatch("ann", 0.25, ANN, face, null);
                case 200 -> new PhotoFaces.NeutralMatch("bo", 0.4, BO, face, null);
                default -> PhotoFaces.NeutralMatch.none("no enrolled neutral face within 0.60");
            };
        };
        List<FaceCropper.Crop> cropped = new ArrayList<>();
        FaceCropper cropper = (image, face) -> {
            FaceCropper.Crop c = new FaceCropper.Crop(image, face.box());
            cropped.add(c);
            return c;
        };
        NeutralReferences refs = NeutralReferences.enrolled(byGrey);
        // track 1 is ann; track 2 first turns away (grey 120: no one close), then shows bo's face; track 3 is ann too
        List<NeutralReferences.Ref> r = refs.referencesFor(List.of(new NeutralReferences.Face(1, 0, frame(50)),
                new NeutralReferences.Face(2, 0, frame(120)), new NeutralReferences.Face(1, 1, frame(120))), cropper);
        assertThat(r.get(0).person()).isEqualTo("ann");
        assertThat(r.get(0).crop().image()).as("ann's enrolled face, cropped by the faces' cropper").isSameAs(ANN);
        assertThat(r.get(0).frame()).as("not a frame of the video").isEqualTo(-1L);
        assertThat(r.get(0).distance()).isEqualTo(0.25);
        assertThat(refs.describe(r.get(0))).isEqualTo("enrolled:ann");
        assertThat(r.get(1)).as("no one within the distance: no reference yet").isNull();
        assertThat(r.get(2)).as("once matched, the track keeps its person whatever its later frames show").isSameAs(r.get(0));
        List<NeutralReferences.Ref> later = refs.referencesFor(List.of(new NeutralReferences.Face(2, 1, frame(120)),
                new NeutralReferences.Face(2, 2, frame(200)), new NeutralReferences.Face(2, 3, frame(50)),
                new NeutralReferences.Face(3, 3, frame(50))), cropper);
        assertThat(later.get(0)).as("still no one close: retried, still none").isNull();
        assertThat(later.get(1).person()).as("retried on a later frame and matched").isEqualTo("bo");
        assertThat(later.get(1).crop().image()).isSameAs(BO);
        assertThat(later.get(2).person()).as("matched once: ann's face later does not re-match track 2").isEqualTo("bo");
        assertThat(later.get(3).person()).isEqualTo("ann");
        assertThat(later.get(3).crop()).as("ann's face is cropped once for all her tracks").isSameAs(r.get(0).crop());
        assertThat(refs.matches()).as("one match per matched track").isEqualTo(3);
        assertThat(asked).as("matcher calls per grey level: ann's two tracks once each, track 2's misses, bo once")
                .isEqualTo(java.util.Map.of(50, 2, 120, 2, 200, 1));
        assertThat(cropped).hasSize(2);
        assertThatThrownBy(() -> NeutralReferences.enrolled(null)).hasMessageContaining("matcher");
        assertThatThrownBy(() -> new NeutralReferences(NeutralReferences.Mode.ENROLLED, 0, null)).hasMessageContaining("enrolled");
    }
}
