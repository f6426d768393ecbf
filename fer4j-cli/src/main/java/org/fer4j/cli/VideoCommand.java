package org.fer4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fer4j.data.FaceBox;
import org.fer4j.inference.Prediction;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectors;
import org.fer4j.vision.faceapi.FaceExpression;
import org.fer4j.vision.faceapi.FaceExpressionModel;
import org.fer4j.vision.faceapi.FaceRecognitionModel;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.video.NeutralReferences;
import org.fer4j.vision.video.VideoPipeline;
import org.fer4j.vision.video.VideoSource;
import org.fer4j.vision.video.VideoWriter;
import org.fer4j.vision.wild.FaceClassifier;
import org.fer4j.vision.wild.NeutralGallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fer4j video}: expressions of every face of a video file or camera, frame by frame, with stable
 * track ids, streamed to CSV (flushed per frame) and optionally an annotated MP4; paired SPNDL models
 * are calibrated on each person's own neutral frames, or on their enrolled neutral photos ({@code --neutral-of}).
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Detect, track and recognise the expressions of the faces in a video (per-frame CSV, annotated MP4).")
public final class VideoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IN", description = "Video file (anything FFmpeg reads).")
    Path in;

    @Option(names = "--camera", description = "Read capture device N (/dev/videoN) instead of a file; untested here (no device).")
    Integer camera;

    @Option(names = "--model", required = true, description = "Model folder written by train, an .onnx file with"
            + " --engine onnx, or faceapi-expression (the pretrained network from the model store).")
    Path model;

    @Option(names = "--detector", defaultValue = FaceDetectors.DEFAULT, description = "Face detector (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--out-csv", description = "Per-face rows (frame, time, track, box, score, label, probabilities, neutral_frame);"
            + " default: standard output. Flushed after every frame.")
    Path outCsv;

    @Option(names = "--out-video", description = "Annotated MP4 (boxes, track ids, labels) of the analysed frames.")
    Path outVideo;

    @Option(names = "--every", description = "Analyse every N-th frame (default 1).")
    @Range(min = 1, max = 100_000)
    Integer every;

    @Option(names = "--fps", description = "Analyse about R frames per second of video (instead of --every).")
    @Range(min = 0, max = 1000, minExclusive = true)
    Double fps;

    @Option(names = "--batch", defaultValue = "16", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 4096)
    int batch;

    @Option(names = "--queue", defaultValue = "8", description = "Frames each pipeline queue holds (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1024)
    int queue;

    @Option(names = "--neutral", description = "Paired models: each person's neutral reference,"
            + " first:K (among the track's first K frames; the first one without --neutral-model) or auto (the frame"
            + " --neutral-model scores most neutral so far, among those it rates neutral first, or, with a neutral ranker,"
            + " the frame clearly more neutral than the track's first, or the first once a frame is clearly more"
            + " expressive; none before: see --fallback-model). Default: " + DEFAULT_NEUTRAL + "; not with --neutral-of.")
    String neutral;

    static final String DEFAULT_NEUTRAL = "first:30";

    @Option(names = "--neutral-of", paramLabel = "ID=FILE|FOLDER", description = "Paired models: enrolled neutral photos"
            + " instead of the video's frames, ID=FILE (repeat it per person) or a FOLDER of photos named after their"
            + " people (as predict --neutral-auto-from), one face each. Each track is matched to the nearest enrolled"
            + " person within --match-distance by face-api's face-recognition descriptor (once; an unmatched track is"
            + " tried again on its next frames) and that person's photo is its reference (reference=enrolled:ID, the"
            + " distance in a neutral_distance column); an unmatched track is reference=none (see --fallback-model)."
            + " Needs 'fer4j models install faceapi-recognition'.")
    List<String> neutralOf;

    @Option(names = "--match-distance", defaultValue = "0.6", description = "Largest descriptor distance taken as the"
            + " same person for --neutral-of (face-api's 0.6 by default).")
    double matchDistance;

    @Option(names = "--neutral-model", description = "A model with a neutral class that scores frames for --neutral:"
            + " one needing no neutral face (faceapi-expression or a model folder; an .onnx file with --engine onnx) rates"
            + " each frame alone; a paired one, a neutral ranker (fer4j train --model spndl --reversed-pairs), compares each"
            + " frame with the track's first both ways and is far more reliable.")
    Path neutralModel;

    @Option(names = "--fallback-model", description = "Paired models: a model needing no neutral face (a baseline folder,"
            + " an .onnx file with --engine onnx, or faceapi-expression) that predicts a track's faces while it has no"
            + " neutral reference yet (--neutral auto before a frame scores neutral); those rows say fallback=true and"
            + " reference=none. Without it such rows have empty probabilities.")
    Path fallbackModel;

    @Option(names = "--min-face", defaultValue = "24", description = "Smallest face side in pixels (default: ${DEFAULT-VALUE}).")
    @Range(min = 24, max = 12_000)
    int minFace;

    @Option(names = "--min-score", defaultValue = "0", description = "Drop faces the detector scores below this, in [0, 1].")
    @Range(min = 0, max = 1)
    double minScore;

    @Option(names = "--smooth", description = "Per-track exponential smoothing of the probabilities, in [0, 1):"
            + " adds smoothed_label and smoothed_confidence columns; the raw probabilities stay.")
    @Range(min = 0, max = 1)
    Double smooth;

    @picocli.CommandLine.Mixin
    CropOption crop;

    @Option(names = "--with-landmarks", description = "Each row carries face-api's 68 landmarks in frame pixels, in a last"
            + " column 'landmarks' ('x y;x y;…'); reused from --crop landmarks|aligned, else located for it; needs"
            + " 'fer4j models install faceapi-landmark68'.")
    boolean withLandmarks;

    @Option(names = "--no-progress", description = "No progress bar on standard error.")
    boolean noProgress;

    @picocli.CommandLine.Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if ((in == null) == (camera == null)) {
            throw new IllegalArgumentException("give a video file IN or --camera N (not both)");
        }
        if (every != null && fps != null) {
            throw new IllegalArgumentException("give --every or --fps, not both");
        }
        if (camera != null && (camera < 0 || camera > 63)) {
            throw new IllegalArgumentException("--camera " + camera + ": must be a device number in [0, 63]");
        }
        if (outCsv != null && outVideo != null && outCsv.toAbsolutePath().normalize().equals(outVideo.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out-csv and --out-video name the same file " + outCsv);
        }
        for (Path p : new Path[] {outCsv, outVideo}) {
            if (p != null && in != null && Files.exists(in) && Files.exists(p) && Files.isSameFile(in, p)) {
                throw new IllegalArgumentException(p + ": is the input video; choose another output file");
            }
        }
        if (smooth != null && smooth >= 1) {
            throw new IllegalArgumentException("--smooth " + smooth + ": must be below 1 (1 would never move from the first frame)");
        }
        Map<String, Path> enrolment = neutralOf == null ? null : enrolment();
        if (outCsv != null) {
            checkCsv();
        }
        if (outVideo != null) {
            VideoWriter.checkWritable(outVideo); // before any work and before the CSV is created
        }
        crop.check();
        TrackSmoothing smoothing = smooth == null ? null : new TrackSmoothing(smooth);
        PrintWriter err = spec.commandLine().getErr();
        try (VideoSource source = in != null ? VideoSource.open(in) : VideoSource.camera(camera);
             Classifiers classifiers = Classifiers.open(model, neutralModel, fallbackModel, engine.engine);
             FaceDetector d = FaceDetectors.open(detector, new FaceDetectors.Options(minFace, minScore));
             CropOption.Cropper cropper = crop.open(withLandmarks);
             FaceRecognitionModel recognition = enrolment == null ? null : recognition(classifiers)) {
            NeutralReferences refs;
            if (recognition != null) {
                NeutralGallery gallery = NeutralGallery.enrol(enrolment, d, recognition, matchDistance);
                err.println("fer4j: " + gallery.people().size() + " neutral faces enrolled: " + String.join(", ",
                        gallery.people().values().stream().map(p -> p.id() + " (" + p.source() + ")").toList()));
                refs = NeutralReferences.enrolled(gallery);
            } else {
                refs = classifiers.main.needsNeutral()
                        ? NeutralReferences.parse(neutral == null ? DEFAULT_NEUTRAL : neutral, classifiers.scorer) : null;
            }
            int step = every != null ? every : fps != null ? (int) Math.max(1, Math.round(source.frameRate() / fps)) : 1;
            try (Writer csv = csvWriter(); VideoWriter video = outVideo == null ? null
                    : VideoWriter.open(outVideo, source.width(), source.height(), source.frameRate() / step)) {
                boolean distances = enrolment != null;
                csv.write(header(classifiers.classes, distances, smoothing != null, withLandmarks));
                csv.flush();
                long total = source.estimatedFrames();
                ProgressBar bar = noProgress ? null : new ProgressBarBuilder().setTaskName(source.name())
                        .setInitialMax(total > 0 ? total : -1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                        .setUnit(" frames", 1).continuousUpdate().build();
                VideoPipeline.Summary summary;
                try {
                    VideoPipeline pipe = VideoPipeline.builder().setDetector(d).setClassifier(classifiers.main).optNeutral(refs)
                            .optFallback(classifiers.fallback).optEvery(step).optBatch(batch).optQueue(queue).optWriter(video).optCropper(cropper.cropper())
                            .setListener((frame, rows) -> {
                                for (VideoPipeline.Row r : rows) {
                                    if (r.prediction() != null || r.awaitsReference()) {
                                        // a fallback's probabilities are not the model's: they stay out of the smoothing
                                        csv.write(row(r, classifiers.classes, smoothing == null || r.prediction() == null || r.fallback()
                                                ? null : smoothing.update(r.track(), r.frame(), r.prediction().probabilities()),
                                                distances, smoothing != null, withLandmarks));
                                    } else {
                                        err.println("fer4j: frame " + r.frame() + " track " + r.track() + ": " + r.failure());
                                    }
                                }
                                csv.flush();
                                if (bar != null) {
                                    bar.stepTo(frame.index() + 1);
                                }
                            }).build();
                    summary = pipe.run(source);
                } finally {
                    if (bar != null) {
                        bar.close();
                    }
                }
                err.println(String.format(Locale.ROOT, "fer4j: time: detection %.0f %%, classification %.0f %%, the rest"
                        + " (decoding in parallel, crops, tracking, drawing, writing) %.0f %%", 100 * summary.detectSeconds()
                        / summary.seconds(), 100 * summary.classifySeconds() / summary.seconds(),
                        100 * (1 - (summary.detectSeconds() + summary.classifySeconds()) / summary.seconds())));
                err.println("fer4j: " + source.name() + ": " + summary);
            }
        }
        return 0;
    }

    /**
     * {@code --neutral-of}'s photos by person id, checked before any model loads or video opens: not with {@code
     * --neutral} or {@code --neutral-model} (they choose frames of the video), a positive {@code --match-distance},
     * well-formed values, no id twice, every photo there.
     */
    private Map<String, Path> enrolment() throws IOException {
        if (neutral != null) {
            throw new IllegalArgumentException("--neutral-of takes each person's reference from enrolled photos; --neutral "
                    + neutral + " takes it from the video: give one of them");
        }
        if (neutralModel != null) {
            throw new IllegalArgumentException("--neutral-model scores the video's frames for --neutral; with --neutral-of"
                    + " the references are the enrolled photos: drop --neutral-model");
        }
        if (!(matchDistance > 0) || Double.isInfinite(matchDistance)) {
            throw new IllegalArgumentException("--match-distance must be a positive number, got " + matchDistance);
        }
        Map<String, Path> photos = NeutralGallery.photosOf(neutralOf);
        for (Map.Entry<String, Path> e : photos.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new IOException(e.getValue() + ": the neutral photo of '" + e.getKey() + "' (--neutral-of) not found"
                        + (Files.isDirectory(e.getValue()) ? " (a folder: give it alone, without ID=)" : ""));
            }
        }
        return photos;
    }

    /** The face-recognition model for {@code --neutral-of}, once the model is known to be paired. */
    private FaceRecognitionModel recognition(Classifiers classifiers) throws IOException {
        if (!classifiers.main.needsNeutral()) {
            throw new IllegalArgumentException("--neutral-of is for paired models; " + model + " needs no neutral face");
        }
        return FaceRecognitionModel.load(ModelStore.defaultStore());
    }

    private Writer csvWriter() throws IOException {
        if (outCsv == null) {
            return new Writer() { // standard output, left open
                private final PrintWriter out = spec.commandLine().getOut();

                @Override
                public void write(char[] buf, int off, int len) {
                    out.write(buf, off, len);
                }

                @Override
                public void flush() {
                    out.flush();
                }

                @Override
                public void close() {
                    out.flush();
                }
            };
        }
        try {
            return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(outCsv), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(outCsv + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private void checkCsv() throws IOException {
        if (Files.isDirectory(outCsv)) {
            throw new IOException(outCsv + ": is a folder; --out-csv names the CSV file to write");
        }
        Path parent = outCsv.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException(outCsv + ": cannot write, folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(outCsv) && !Files.isWritable(outCsv))) {
            throw new IOException(outCsv + ": cannot write, " + (Files.exists(outCsv) ? "file" : "folder " + parent) + " is not writable");
        }
    }

    static String header(List<String> classes, boolean distances, boolean smoothed, boolean landmarks) {
        return "frame,time,track,x,y,width,height,score,label,confidence," + String.join(",", classes)
                + ",neutral_frame,reference,fallback" + (distances ? ",neutral_distance" : "")
                + (smoothed ? ",smoothed_label,smoothed_confidence" : "") + (landmarks ? ",landmarks" : "") + "\n";
    }

    /**
     * One CSV row under the model's {@code classes}; {@code smoothing} adds two columns, filled from {@code smoothed}
     * (the track's smoothed probabilities; null: empty cells), {@code distances} a {@code neutral_distance} column
     * (the descriptor distance of the track's enrolled match; empty without one), {@code landmarks} the last column of 68 points
     * ({@link PhotoPredictions#landmarkCell}). A face awaiting its reference has empty label and probabilities; a
     * fallback model's probabilities go under the columns of the classes it shares with the model (others empty),
     * its label may be a class the model lacks (e.g. neutral).
     */
    static String row(VideoPipeline.Row r, List<String> classes, double[] smoothed, boolean distances, boolean smoothing,
                      boolean landmarks) {
        FaceBox b = r.face().box();
        Prediction p = r.prediction();
        StringBuilder sb = new StringBuilder().append(r.frame()).append(String.format(Locale.ROOT, ",%.3f", r.seconds()))
                .append(',').append(r.track());
        for (double v : new double[] {b.x(), b.y(), b.width(), b.height()}) {
            sb.append(String.format(Locale.ROOT, ",%.1f", v));
        }
        sb.append(String.format(Locale.ROOT, ",%.4f,", r.face().score()));
        if (p == null) {
            sb.append(',').append(",".repeat(classes.size()));
        } else {
            sb.append(p.label()).append(String.format(Locale.ROOT, ",%.5f", p.confidence()));
            for (String c : classes) {
                int i = p.classes().indexOf(c);
                sb.append(',').append(i < 0 ? "" : String.format(Locale.ROOT, "%.5f", p.probabilities()[i]));
            }
        }
        sb.append(',').append(r.neutralFrame() >= 0 ? Long.toString(r.neutralFrame()) : "");
        sb.append(',').append(r.reference()).append(',').append(r.fallback());
        if (distances) {
            sb.append(',').append(Double.isNaN(r.neutralDistance()) ? "" : String.format(Locale.ROOT, "%.4f", r.neutralDistance()));
        }
        if (smoothing && smoothed == null) {
            sb.append(",,");
        } else if (smoothed != null) {
            int best = 0;
            for (int i = 1; i < smoothed.length; i++) {
                best = smoothed[i] > smoothed[best] ? i : best;
            }
            sb.append(',').append(classes.get(best)).append(String.format(Locale.ROOT, ",%.5f", smoothed[best]));
        }
        if (landmarks) {
            sb.append(',').append(PhotoPredictions.landmarkCell(r.landmarks()));
        }
        return sb.append('\n').toString();
    }

    /** The model, and the neutral scorer if any, opened as classifiers; closes what it opened. */
    static final class Classifiers implements AutoCloseable {
        FaceClassifier main;
        FaceClassifier scorer;
        FaceClassifier fallback;
        List<String> classes;
        private final java.util.ArrayList<AutoCloseable> owned = new java.util.ArrayList<>();

        static Classifiers open(Path model, Path neutralModel, Path fallbackModel, String engine) throws Exception {
            Classifiers c = new Classifiers();
            try {
                c.main = c.classifier(model, engine);
                c.classes = c.lastClasses;
                if (neutralModel != null) {
                    if (!c.main.needsNeutral()) {
                        throw new IllegalArgumentException("--neutral-model is for paired models; " + model + " needs no neutral face");
                    }
                    if (EngineOptions.ONNX.equals(engine) && Files.isDirectory(neutralModel)) {
                        throw new IllegalArgumentException("--neutral-model " + neutralModel + ": a model folder, but --engine onnx"
                                + " runs both models in ONNX Runtime; give its export (fer4j export --format onnx), faceapi-expression,"
                                + " or use --engine torch");
                    }
                    c.scorer = c.classifier(neutralModel, engine); // a paired one is a neutral ranker (ReversedPairs)
                    if (!c.lastClasses.contains("neutral")) {
                        throw new IllegalArgumentException(neutralModel + ": the --neutral-model has no 'neutral' class ("
                                + String.join(", ", c.lastClasses) + ")");
                    }
                }
                if (fallbackModel != null) {
                    if (!c.main.needsNeutral()) {
                        throw new IllegalArgumentException("--fallback-model is for paired models; " + model + " needs no neutral face");
                    }
                    c.fallback = c.classifier(fallbackModel, engine);
                    if (c.fallback.needsNeutral()) {
                        throw new IllegalArgumentException(fallbackModel + ": the --fallback-model must need no neutral face itself"
                                + " (a baseline, or faceapi-expression)");
                    }
                    if (c.lastClasses.stream().noneMatch(c.classes::contains)) {
                        throw new IllegalArgumentException(fallbackModel + ": the --fallback-model shares no class with " + model
                                + " (" + String.join(", ", c.lastClasses) + " against " + String.join(", ", c.classes) + ")");
                    }
                }
                return c;
            } catch (Exception e) {
                c.close();
                throw e;
            }
        }

        private List<String> lastClasses;

        private FaceClassifier classifier(Path m, String engine) throws Exception {
            if (m.toString().equals(FaceExpressionModel.ARTIFACT) && !Files.exists(m)) {
                FaceApiClassifier f = FaceApiClassifier.open();
                owned.add(f);
                lastClasses = Arrays.stream(FaceExpression.values()).map(e -> e.emotion().canonicalName()).toList();
                return f;
            }
            EngineModel em = EngineModel.open(engine, m);
            owned.add(em);
            Predictor p = em.predictor();
            owned.add(p);
            lastClasses = em.classifier().labels().names();
            return FaceClassifier.of(p, em.classifier().needsNeutral());
        }

        @Override
        public void close() throws Exception {
            for (int i = owned.size() - 1; i >= 0; i--) {
                owned.get(i).close();
            }
            owned.clear();
        }
    }
}
