package org.fer4j.vision.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.inference.Predictor;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.detect.haar.HaarDetector;
import org.fer4j.vision.wild.FaceClassifier;
import org.fer4j.vision.wild.PhotoFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short generated video end to end with the real Haar detector and a (random-weight) ResNet. */
class VideoPipelineTest {
    static final int FRAMES = 30;
    @TempDir
    static Path dir;
    static Path video;
    static FerModel baseline;
    static FerModel spndl;
    static HaarDetector haar;

    @BeforeAll
    static void setUp() throws Exception {
        video = TestVideos.twoPeople(dir.resolve("two.mp4"), FRAMES, 10);
        baseline = FerModel.create(new ModelSpec(ModelKind.BASELINE, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), 3);
        spndl = FerModel.create(new ModelSpec(ModelKind.SPNDL, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), 4);
        haar = HaarDetector.open();
    }

    @AfterAll
    static void tearDown() {
        haar.close();
        baseline.close();
        spndl.close();
    }

    record Seen(List<VideoFrame> frames, List<VideoPipeline.Row> rows) {
    }

    static Seen run(FerModel model, NeutralReferences neutral, int every, int batch, int queue, VideoWriter writer,
                    long[] maxInFlight) throws IOException {
        List<VideoFrame> frames = new ArrayList<>();
        List<VideoPipeline.Row> rows = new ArrayList<>();
        try (Predictor p = new Predictor(model); VideoSource src = VideoSource.open(video)) {
            VideoPipeline pipe = VideoPipeline.builder().setDetector(haar)
                    .setClassifier(FaceClassifier.of(p, model.spec().kind().needsNeutral()))
                    .setListener((f, r) -> {
                        frames.add(f);
                        rows.addAll(r);
                    }).optNeutral(neutral).optEvery(every).optBatch(batch).optQueue(queue).optWriter(writer).build();
            VideoPipeline.Summary s = pipe.run(src);
            assertThat(s.maxInFlight()).as("frames alive at once").isLessThanOrEqualTo(pipe.inFlightBound());
            assertThat(s.analysed()).isEqualTo(frames.size());
            assertThat(s.decoded()).isEqualTo(FRAMES);
            if (maxInFlight != null) {
                maxInFlight[0] = s.maxInFlight();
            }
        }
        return new Seen(frames, rows);
    }

    @Test
    void rowsPerFrameStableTracksAndADecodableAnnotatedVideo() throws Exception {
        Path out = dir.resolve("annotated.mp4");
        Seen seen;
        try (VideoWriter w = VideoWriter.open(out, TestVideos.WIDTH, TestVideos.HEIGHT, 10)) {
            seen = run(baseline, null, 1, 4, 2, w, null);
        }
        assertThat(seen.frames()).extracting(VideoFrame::index).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, FRAMES).boxed().toList());
        Map<Long, List<VideoPipeline.Row>> byFrame = new HashMap<>();
        seen.rows().forEach(r -> byFrame.computeIfAbsent(r.frame(), k -> new ArrayList<>()).add(r));
        // person A in (nearly) every frame, B in (nearly) every frame of the second half; one id each
        long aFrames = seen.rows().stream().filter(r -> r.face().box().x() < 160).count();
        long bFrames = seen.rows().stream().filter(r -> r.face().box().x() >= 160).count();
        assertThat(aFrames).isGreaterThanOrEqualTo(FRAMES - 2);
        assertThat(bFrames).isBetween((long) FRAMES / 2 - 2, (long) FRAMES / 2);
        assertThat(seen.rows().stream().filter(r -> r.face().box().x() < 160).map(VideoPipeline.Row::track).distinct()).hasSize(1);
        assertThat(seen.rows().stream().filter(r -> r.face().box().x() >= 160).map(VideoPipeline.Row::track).distinct()).hasSize(1);
        assertThat(seen.rows()).allSatisfy(r -> {
            assertThat(r.prediction()).isNotNull();
            assertThat(r.neutralFrame()).isEqualTo(-1);
            assertThat(r.seconds()).isCloseTo(r.frame() / 10.0, org.assertj.core.data.Offset.offset(0.051));
        });
        try (VideoSource back = VideoSource.open(out)) {
            int n = 0;
            while (back.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(FRAMES);
            assertThat(back.width()).isEqualTo(TestVideos.WIDTH);
        }
    }

    @Test
    void theVideoPathPredictsWhatThePhotoPathPredictsOnTheSameFrames() throws Exception {
        Seen seen = run(baseline, null, 1, 16, 8, null, null);
        List<PhotoFaces.Photo> photos = new ArrayList<>();
        for (VideoFrame f : seen.frames()) {
            photos.add(new PhotoFaces.Photo("f" + f.index(), new ImageRef.MemoryImage("f" + f.index(), f.image()), null, null, null));
        }
        List<double[]> photoProbs = new ArrayList<>();
        try (Predictor p = new Predictor(baseline)) {
            new PhotoFaces(haar, FaceCropper.BOX, FaceClassifier.of(p, false), 16).run(photos, new PhotoFaces.Sink() {
                @Override
                public void photo(PhotoFaces.Photo photo, java.awt.image.BufferedImage image, List<PhotoFaces.Face> faces) {
                    faces.forEach(f -> photoProbs.add(f.result().prediction().probabilities()));
                }

                @Override
                public void failed(PhotoFaces.Photo photo, String why) {
                    throw new AssertionError(why);
                }
            });
        }
        assertThat(photoProbs).hasSameSizeAs(seen.rows());
        for (int i = 0; i < photoProbs.size(); i++) {
            double[] a = photoProbs.get(i);
            double[] b = seen.rows().get(i).prediction().probabilities();
            for (int k = 0; k < a.length; k++) {
                assertThat(b[k]).isCloseTo(a[k], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void everyNthFrameAndTheQueuesBoundTheFramesInFlight() throws Exception {
        long[] max = new long[1];
        Seen seen = run(baseline, null, 3, 1, 1, null, max);
        assertThat(seen.frames()).extracting(VideoFrame::index).containsExactly(0L, 3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L);
        assertThat(max[0]).isBetween(1L, 2L * 1 + 1 + 3);
    }

    /** A scorer that rates a face neutral first only from frame {@code from} on (its input is named t{track}@{frame}). */
    static FaceClassifier neutralFrom(long from) {
        return new FaceClassifier() {
            @Override
            public boolean needsNeutral() {
                return false;
            }

            @Override
            public List<Predictor.Result> classify(List<org.fer4j.inference.FaceInput> faces) {
                List<Predictor.Result> out = new ArrayList<>();
                for (org.fer4j.inference.FaceInput f : faces) {
                    long frame = Long.parseLong(f.name().substring(f.name().indexOf('@') + 1));
                    double n = frame >= from ? 0.8 : 0.3;
                    out.add(new Predictor.Result(f.name(), new org.fer4j.inference.Prediction(f.name(), n > 0.5 ? "neutral" : "happiness",
                            Math.max(n, 1 - n), List.of("neutral", "happiness"), new double[] {n, 1 - n}), null));
                }
                return out;
            }
        };
    }

    static List<VideoPipeline.Row> runPaired(NeutralReferences neutral, FaceClassifier fallback) throws IOException {
        List<VideoPipeline.Row> rows = new ArrayList<>();
        try (Predictor p = new Predictor(spndl); VideoSource src = VideoSource.open(video)) {
            VideoPipeline.builder().setDetector(haar).setClassifier(FaceClassifier.of(p, true)).optNeutral(neutral)
                    .optFallback(fallback).optBatch(4).setListener((f, r) -> rows.addAll(r)).build().run(src);
        }
        return rows;
    }

    @Test
    void beforeATrackHasAReferenceItsFacesGoToTheFallbackOrStayEmptyFlagged() throws Exception {
        long from = 12;
        Map<String, org.fer4j.inference.Prediction> base = new HashMap<>();
        for (VideoPipeline.Row r : run(baseline, null, 1, 4, 2, null, null).rows()) {
            base.put(r.frame() + "/" + r.track(), r.prediction());
        }
        List<VideoPipeline.Row> withFallback;
        try (Predictor b = new Predictor(baseline)) {
            withFallback = runPaired(new NeutralReferences(NeutralReferences.Mode.AUTO, 0, neutralFrom(from)), FaceClassifier.of(b, false));
        }
        List<VideoPipeline.Row> without = runPaired(new NeutralReferences(NeutralReferences.Mode.AUTO, 0, neutralFrom(from)), null);
        assertThat(withFallback).hasSameSizeAs(without);
        int early = 0;
        int late = 0;
        Map<Integer, Long> firstRef = new HashMap<>();
        for (int i = 0; i < without.size(); i++) {
            VideoPipeline.Row w = withFallback.get(i);
            VideoPipeline.Row n = without.get(i);
            assertThat(n.frame()).isEqualTo(w.frame());
            if (w.frame() < from) {
                early++;
                // no frame scored neutral yet: the fallback's prediction, flagged, exactly what the baseline predicts
                assertThat(w.reference()).isEqualTo("none");
                assertThat(w.fallback()).isTrue();
                assertThat(w.neutralFrame()).isEqualTo(-1);
                assertThat(w.prediction().probabilities()).containsExactly(base.get(w.frame() + "/" + w.track()).probabilities(),
                        org.assertj.core.data.Offset.offset(1e-5)); // other batch neighbours may round differently
                // and without a fallback: no probabilities, flagged, never the paired model against a wrong reference
                assertThat(n.reference()).isEqualTo("none");
                assertThat(n.fallback()).isFalse();
                assertThat(n.prediction()).isNull();
                assertThat(n.awaitsReference()).isTrue();
            } else {
                late++;
                firstRef.putIfAbsent(w.track(), w.frame());
                assertThat(w.fallback()).isFalse();
                assertThat(w.reference()).isEqualTo("auto@" + w.neutralFrame());
                assertThat(w.neutralFrame()).isEqualTo(firstRef.get(w.track())); // the scorer rates all later frames alike
                assertThat(w.prediction()).isNotNull();
                assertThat(n.prediction().probabilities()).containsExactly(w.prediction().probabilities(),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        assertThat(early).isPositive();
        assertThat(late).isPositive();
        try (Predictor b = new Predictor(baseline); Predictor s = new Predictor(spndl)) {
            assertThatThrownBy(() -> VideoPipeline.builder().setDetector(haar).setClassifier(FaceClassifier.of(b, false))
                    .optFallback(FaceClassifier.of(b, false)).setListener((f, r) -> { }).build()).hasMessageContaining("paired");
            assertThatThrownBy(() -> VideoPipeline.builder().setDetector(haar).setClassifier(FaceClassifier.of(s, true))
                    .optNeutral(new NeutralReferences(NeutralReferences.Mode.FIRST, 1, null)).optFallback(FaceClassifier.of(s, true))
                    .setListener((f, r) -> { }).build()).hasMessageContaining("no neutral");
        }
    }

    @Test
    void aPairedModelUsesEachPersonsFirstFrameAsNeutral() throws Exception {
        Seen seen = run(spndl, new NeutralReferences(NeutralReferences.Mode.FIRST, 5, null), 1, 4, 2, null, null);
        Map<Integer, Long> firstFrame = new HashMap<>();
        for (VideoPipeline.Row r : seen.rows()) {
            firstFrame.putIfAbsent(r.track(), r.frame());
            assertThat(r.neutralFrame()).as("track %d frame %d", r.track(), r.frame()).isEqualTo(firstFrame.get(r.track()));
            assertThat(r.prediction()).isNotNull();
        }
        assertThat(firstFrame).hasSizeGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> VideoPipeline.builder().setDetector(haar).setClassifier(FaceClassifier.of(new Predictor(spndl), true))
                .setListener((f, r) -> { }).build()).hasMessageContaining("neutral");
        assertThatThrownBy(() -> new NeutralReferences(NeutralReferences.Mode.AUTO, 0, null)).hasMessageContaining("--neutral-model");
    }

    @Test
    void badVideosAreNamed() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        assertThatThrownBy(() -> VideoSource.open(empty)).hasMessageContaining(empty.toString()).hasMessageContaining("empty file");
        Path text = Files.writeString(dir.resolve("text.mp4"), "this is not a video\n".repeat(50));
        assertThatThrownBy(() -> VideoSource.open(text)).hasMessageContaining(text.toString()).hasMessageContaining("not a video");
        assertThatThrownBy(() -> VideoSource.open(dir.resolve("missing.mp4"))).hasMessageContaining("video not found");
        byte[] all = Files.readAllBytes(video);
        Path cut = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> {
            try (VideoSource s = VideoSource.open(cut)) {
                while (s.next() != null) {
                    // decode all
                }
            }
        }).hasMessageContaining(cut.toString());
    }
}
