package org.fer4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.FaceBox;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.LabelSet;
import org.fer4j.data.ReversedPairs;
import org.fer4j.data.Sample;
import org.fer4j.experiments.CrossValidation;
import org.fer4j.experiments.FoldSubjects;
import org.fer4j.inference.Predictor;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.runs.RunLog;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.video.NeutralReferences;
import org.fer4j.vision.video.VideoPipeline;
import org.fer4j.vision.video.VideoSource;
import org.fer4j.vision.video.VideoWriter;
import org.fer4j.vision.wild.FaceClassifier;
import org.fer4j.vision.wild.PhotoFaces;

/**
 * {@code fer4j demo --video}: SPNDL's paired model used the way a deployment would, on the person's own
 * neutral face taken from the video. The demo's test subjects are rendered into a generated MP4 (two people
 * at a time walk in, each starts neutral for a few frames and then shows an expression, as a CK+ sequence
 * does), which goes through the whole video path ({@link VideoPipeline}: decode, track, crop, batch, predict),
 * with the known boxes standing in for a detector (the drawn faces are not photographs). Three runs are
 * compared frame by frame on the expressive frames: the baseline, SPNDL calibrated on the neutral frame a
 * neutral-aware model picks automatically ({@code --neutral auto}), and SPNDL given the true neutral (the
 * track's first frame). The neutral scorer is a baseline trained with an extra {@code neutral} class on the
 * same training subjects' neutral faces.
 */
final class VideoDemo {
    static final int FACE = 64;
    static final int NEUTRAL_FRAMES = 4;
    static final int EXPRESSION_FRAMES = 6;
    /** Empty frames between two groups of people: more than the tracker's 5 missed frames, so ids are new. */
    static final int GAP = 7;
    static final int SLOTS = 2;
    static final double FPS = 10;
    static final int WIDTH = SLOTS * (FACE + 16);
    static final int HEIGHT = FACE + 16;

    /**
     * One person's sequence in the video: its sample (target + neutral), where and from which frame, and in which
     * order: {@code neutralFirst} as a CK+ sequence ({@value #NEUTRAL_FRAMES} neutral frames, then
     * {@value #EXPRESSION_FRAMES} expressive), else as a person who walks in already showing the expression (half
     * the expressive frames, the neutral ones, the other half), so that the automatic choice cannot simply keep a
     * track's first frame.
     */
    record Appearance(Sample sample, int slot, long first, boolean neutralFirst) {
        boolean neutralFrame(long frame) {
            long f = frame - first;
            long start = neutralFirst ? 0 : EXPRESSION_FRAMES / 2;
            return f >= start && f < start + NEUTRAL_FRAMES;
        }

        boolean expressiveFrame(long frame) {
            return frame >= first && frame < first + NEUTRAL_FRAMES + EXPRESSION_FRAMES && !neutralFrame(frame);
        }
    }

    /** What one run scored on the expressive frames, and where its neutral references came from. */
    record Score(String run, int frames, int correct, int referenceNeutral, int tracks, int tracksEndingNeutral) {
        double accuracy() {
            return frames == 0 ? 0 : (double) correct / frames;
        }
    }

    /** The generated video: its file, the boxes of every frame and who is where. */
    record Script(Path video, List<List<FaceBox>> boxes, List<Appearance> appearances, double margin) {
    }

    private VideoDemo() {
    }

    /**
     * Runs the video part of the demo after {@code outcomes} trained the baseline and SPNDL rows on fold 0.
     *
     * @param baselineName the demo row whose model is the baseline
     * @param spndlName    the demo row whose model is the paired SPNDL model
     */
    static List<Score> run(DataOptions data, ModelOptions model, TrainOptions train, Experiment.Outcomes outcomes,
                           String baselineName, String spndlName, PrintWriter out, PrintWriter err) throws IOException {
        Path dir = Files.createDirectories(outcomes.runDir().resolve("video"));
        Dataset ds = data.list(train.seed, err);
        FoldSubjects fold = data.folds(ds, 5, train.seed, train.valFraction).get(0);
        Path baselineModel = outcomes.runDir().resolve(Experiment.slug(baselineName)).resolve("fold-0/model");
        Path spndlModel = outcomes.runDir().resolve(Experiment.slug(spndlName)).resolve("fold-0/model");

        Path scorerModel = trainNeutralScorer(ds, fold, model, train, dir.resolve("neutral-scorer"));
        Path rankerModel = trainNeutralRanker(ds, fold, model, train, dir.resolve("neutral-ranker"));
        Script script = render(ds, fold.test(), dir.resolve("demo.mp4"), model.preprocessing().margin());
        out.printf(Locale.ROOT, "video: %d sequences of %d test subjects (%d neutral and %d expressive frames each; every other"
                + " pair of people walks in expressive), %d frames, %s%n", script.appearances().size(), fold.test().size(),
                NEUTRAL_FRAMES, EXPRESSION_FRAMES, script.boxes().size(), script.video());

        List<Score> scores = new ArrayList<>();
        try (FerModel base = FerModel.load(baselineModel); Predictor basePredictor = new Predictor(base);
             FerModel spndl = FerModel.load(spndlModel); Predictor spndlPredictor = new Predictor(spndl);
             FerModel scorer = FerModel.load(scorerModel); Predictor scorerPredictor = new Predictor(scorer);
             FerModel ranker = FerModel.load(rankerModel); Predictor rankerPredictor = new Predictor(ranker)) {
            FaceClassifier baseline = FaceClassifier.of(basePredictor, false);
            scores.add(pass("baseline (no neutral)", script, baseline, null, null));
            FaceClassifier paired = FaceClassifier.of(spndlPredictor, true);
            scores.add(pass("SPNDL, --neutral auto, one-face scorer", script, paired,
                    new NeutralReferences(NeutralReferences.Mode.AUTO, 0, FaceClassifier.of(scorerPredictor, false)),
                    baseline)); // the baseline until a frame scores neutral
            scores.add(pass("SPNDL, --neutral auto, neutral ranker", script, paired,
                    new NeutralReferences(NeutralReferences.Mode.AUTO, 0, FaceClassifier.of(rankerPredictor, true)),
                    baseline)); // the baseline until a comparison confirms a reference
            scores.add(pass("SPNDL, the true neutral", script, paired, NeutralReferences.enrolled(new TrueNeutral(script)), null));
        }
        print(scores, out);
        write(dir.resolve("calibration.json"), scores, script);
        return scores;
    }

    /**
     * A neutral ranker ({@link ReversedPairs}): SPNDL's paired model trained on the training subjects' pairs in both
     * orders, SPL off.
     */
    private static Path trainNeutralRanker(Dataset ds, FoldSubjects fold, ModelOptions model, TrainOptions train, Path dir)
            throws IOException {
        Set<String> seen = new HashSet<>(fold.train());
        seen.addAll(fold.validation());
        Dataset known = new Dataset(ds.name(), ds.labels(), ds.samples().stream().filter(s -> seen.contains(s.subject())).toList(),
                List.of());
        return trainHelper("neutral ranker", ReversedPairs.of(known), ModelKind.SPNDL, fold, model, train, dir);
    }

    /**
     * Trains {@code kind} on {@code set} (the training subjects only), SPL off, scored on the validation subjects: the
     * test subjects stay unseen. Returns the model folder.
     */
    private static Path trainHelper(String name, Dataset set, ModelKind kind, FoldSubjects fold, ModelOptions model,
                                    TrainOptions train, Path dir) throws IOException {
        ModelSpec spec = model.spec(kind, set.labels());
        FoldSubjects helperFold = new FoldSubjects(0, fold.train(), Set.of(), fold.validation());
        try (InMemoryFaces store = InMemoryFaces.load(set, spec.preprocessing(), true)) {
            CrossValidation.run(name, store, spec, train.config(), train.selfPaced(false), List.of(helperFold),
                    new RunLog(dir), Map.of("dataset", set.name(), "seed", Long.toString(train.seed)), List.of(),
                    false, false, false, null);
        }
        return dir.resolve("fold-0/model");
    }

    /**
     * The demo's knowledge of who is where, as an enrolment matcher: a track's face is the person whose drawn face (in
     * that slot) is nearest in pixels, and the reference is their true neutral face as it was drawn into the video
     * (uncompressed). It stands in for the true neutral whatever order the sequence shows.
     */
    static final class TrueNeutral implements PhotoFaces.NeutralMatcher {
        private final Script script;
        private final Map<Appearance, List<BufferedImage>> drawn = new LinkedHashMap<>(); // neutral, then target

        TrueNeutral(Script script) throws IOException {
            this.script = script;
            for (Appearance a : script.appearances()) {
                drawn.put(a, List.of(drawn(a.sample().neutral().read()), drawn(a.sample().image().read())));
            }
        }

        @Override
        public PhotoFaces.NeutralMatch match(BufferedImage photo, FaceBox face) {
            int slot = face.x() < WIDTH / 2.0 ? 0 : 1;
            int x = 8 + slot * (FACE + 16);
            Appearance best = null;
            double bestDiff = Double.POSITIVE_INFINITY;
            for (Appearance a : script.appearances()) {
                if (a.slot() != slot) {
                    continue;
                }
                for (BufferedImage image : drawn.get(a)) {
                    double d = difference(photo, image, x);
                    if (d < bestDiff) {
                        bestDiff = d;
                        best = a;
                    }
                }
            }
            if (best == null) {
                return PhotoFaces.NeutralMatch.none("no one was drawn in slot " + slot);
            }
            BufferedImage frame = blank();
            Graphics2D g = frame.createGraphics();
            g.drawImage(drawn.get(best).get(0), x, 8, null);
            g.dispose();
            return new PhotoFaces.NeutralMatch(best.sample().id(), bestDiff, frame,
                    new DetectedFace(knownBox(x, 8, script.margin()), 1, List.of()), null);
        }

        private static BufferedImage drawn(BufferedImage face) {
            BufferedImage out = new BufferedImage(FACE, FACE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(face, 0, 0, FACE, FACE, null);
            g.dispose();
            return out;
        }

        private static double difference(BufferedImage frame, BufferedImage face, int x) {
            double sum = 0;
            for (int yy = 0; yy < FACE; yy++) {
                for (int xx = 0; xx < FACE; xx++) {
                    int a = frame.getRGB(x + xx, 8 + yy);
                    int b = face.getRGB(xx, yy);
                    sum += Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff));
                }
            }
            return sum / (FACE * FACE);
        }
    }

    /** A baseline with a {@code neutral} class: every training sequence's target and its neutral face. */
    private static Path trainNeutralScorer(Dataset ds, FoldSubjects fold, ModelOptions model, TrainOptions train, Path dir)
            throws IOException {
        Set<String> seen = new HashSet<>(fold.train());
        seen.addAll(fold.validation());
        List<Sample> samples = new ArrayList<>();
        for (Sample s : ds.samples()) {
            if (!seen.contains(s.subject()) || s.neutral() == null) {
                continue; // the test subjects are never seen
            }
            samples.add(new Sample(s.id(), s.image(), s.label(), s.subject(), s.sequence(), s.split(), null, s.box(), null));
            samples.add(new Sample(s.id() + "_neutral", s.neutral(), Emotion.NEUTRAL, s.subject(), s.sequence(), s.split(),
                    null, s.neutralBox(), null));
        }
        return trainHelper("neutral scorer", new Dataset(ds.name() + "+neutral", LabelSet.ALL_8, samples, List.of()),
                ModelKind.BASELINE, fold, model, train, dir);
    }

    /** Renders the test subjects' first sequence of every class into an MP4, two people at a time. */
    static Script render(Dataset ds, Set<String> subjects, Path file, double margin) throws IOException {
        List<Sample> sequences = ds.samples().stream()
                .filter(s -> subjects.contains(s.subject()) && s.neutral() != null && s.sequence().endsWith("-1"))
                .sorted(Comparator.comparing(Sample::subject).thenComparing(s -> s.label().ordinal())).toList();
        List<List<FaceBox>> boxes = new ArrayList<>();
        List<Appearance> appearances = new ArrayList<>();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp.mp4");
        try (VideoWriter video = VideoWriter.open(tmp, WIDTH, HEIGHT, FPS)) {
            for (int g = 0; g < sequences.size(); g += SLOTS) {
                List<Appearance> group = new ArrayList<>();
                boolean neutralFirst = (g / SLOTS) % 2 == 0; // every other group walks in already expressive
                for (int slot = 0; slot < SLOTS && g + slot < sequences.size(); slot++) {
                    group.add(new Appearance(sequences.get(g + slot), slot, boxes.size(), neutralFirst));
                }
                appearances.addAll(group);
                for (int f = 0; f < NEUTRAL_FRAMES + EXPRESSION_FRAMES; f++) {
                    BufferedImage frame = blank();
                    List<FaceBox> frameBoxes = new ArrayList<>();
                    Graphics2D gr = frame.createGraphics();
                    try {
                            for (Appearance a : group) {
                            BufferedImage face = TrueNeutral.drawn((a.neutralFrame(a.first() + f) ? a.sample().neutral() : a.sample().image()).read());
                            int x = 8 + a.slot() * (FACE + 16);
                            gr.drawImage(face, x, 8, null);
                            frameBoxes.add(knownBox(x, 8, margin));
                        }
                    } finally {
                        gr.dispose();
                    }
                    video.write(frame);
                    boxes.add(frameBoxes);
                }
                for (int f = 0; f < GAP; f++) {
                    video.write(blank());
                    boxes.add(List.of());
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Script(file, boxes, appearances, margin);
    }

    /**
     * The box whose crop is exactly the drawn face: the models were trained on whole synthetic images, and
     * preprocessing adds its margin around a box, so the box is the face shrunk by that margin.
     */
    private static FaceBox knownBox(int x, int y, double margin) {
        double inner = FACE / (1 + 2 * margin);
        double pad = (FACE - inner) / 2;
        return new FaceBox(x + pad, y + pad, inner, inner);
    }

    private static BufferedImage blank() {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(0x70, 0x70, 0x70));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        return frame;
    }

    /** The detector of a generated video: hands out the known boxes of each frame, in frame order. */
    static final class KnownBoxes implements FaceDetector {
        private final List<List<FaceBox>> boxes;
        private int next;

        KnownBoxes(List<List<FaceBox>> boxes) {
            this.boxes = boxes;
        }

        @Override
        public String name() {
            return "known-boxes";
        }

        @Override
        public List<DetectedFace> detect(BufferedImage image) {
            if (next >= boxes.size()) {
                throw new IllegalStateException("the video decoded more frames than were written (" + boxes.size() + ")");
            }
            return boxes.get(next++).stream().map(b -> new DetectedFace(b, 1, List.of())).toList();
        }

        int used() {
            return next;
        }

        @Override
        public void close() {
        }
    }

    private static Score pass(String name, Script script, FaceClassifier classifier, NeutralReferences refs, FaceClassifier fallback)
            throws IOException {
        KnownBoxes detector = new KnownBoxes(script.boxes());
        Map<Long, Appearance[]> where = new LinkedHashMap<>();
        for (Appearance a : script.appearances()) {
            for (long f = a.first(); f < a.first() + NEUTRAL_FRAMES + EXPRESSION_FRAMES; f++) {
                where.computeIfAbsent(f, k -> new Appearance[SLOTS])[a.slot()] = a;
            }
        }
        int[] counts = new int[3]; // frames, correct, reference on a neutral frame
        Map<Appearance, Boolean> lastReference = new LinkedHashMap<>();
        VideoPipeline pipeline = VideoPipeline.builder().setDetector(detector).setClassifier(classifier).optNeutral(refs)
                .optFallback(fallback).optBatch(16).setListener((frame, rows) -> {
                    for (VideoPipeline.Row r : rows) {
                        int slot = r.face().box().x() < WIDTH / 2.0 ? 0 : 1;
                        Appearance a = where.getOrDefault(r.frame(), new Appearance[SLOTS])[slot];
                        if (a == null || !a.expressiveFrame(r.frame()) || r.prediction() == null) {
                            continue;
                        }
                        counts[0]++;
                        counts[1] += r.prediction().label().equals(a.sample().label().canonicalName()) ? 1 : 0;
                        // the true neutral is enrolled (its frame −1); a fallback row has no reference (reference "none")
                        boolean neutralReference = r.reference().startsWith("enrolled:")
                                || (!r.reference().equals("none") && a.neutralFrame(r.neutralFrame()));
                        counts[2] += neutralReference ? 1 : 0;
                        lastReference.put(a, neutralReference);
                    }
                }).build();
        try (VideoSource source = VideoSource.open(script.video())) {
            pipeline.run(source);
        }
        if (detector.used() != script.boxes().size()) {
            throw new IOException(script.video() + ": decoded " + detector.used() + " frames of the " + script.boxes().size()
                    + " written");
        }
        int endingNeutral = (int) lastReference.values().stream().filter(b -> b).count();
        return new Score(name, counts[0], counts[1], refs == null ? 0 : counts[2], lastReference.size(), refs == null ? 0 : endingNeutral);
    }

    private static void print(List<Score> scores, PrintWriter out) {
        out.printf(Locale.ROOT, "%-55s %10s %9s %22s%n", "video run", "frames", "accuracy", "reference was neutral");
        for (Score s : scores) {
            String ref = s.run().startsWith("baseline") ? "-" : String.format(Locale.ROOT, "%.1f %% (%d/%d tracks)",
                    100.0 * s.referenceNeutral() / Math.max(1, s.frames()), s.tracksEndingNeutral(), s.tracks());
            out.printf(Locale.ROOT, "%-55s %10d %8.2f%% %22s%n", s.run(), s.frames(), 100 * s.accuracy(), ref);
        }
        out.flush();
    }

    private static void write(Path file, List<Score> scores, Script script) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("video", script.video().getFileName().toString());
        doc.put("frames", script.boxes().size());
        doc.put("sequences", script.appearances().size());
        doc.put("neutral_frames", NEUTRAL_FRAMES);
        doc.put("expressive_frames", EXPRESSION_FRAMES);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Score s : scores) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", s.run());
            r.put("expressive_frames", s.frames());
            r.put("correct", s.correct());
            r.put("accuracy", s.accuracy());
            r.put("reference_on_a_neutral_frame", s.referenceNeutral());
            r.put("tracks", s.tracks());
            r.put("tracks_ending_on_a_neutral_frame", s.tracksEndingNeutral());
            rows.add(r);
        }
        doc.put("runs", rows);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), doc);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
