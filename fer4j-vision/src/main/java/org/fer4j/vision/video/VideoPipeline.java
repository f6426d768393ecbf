package org.fer4j.vision.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fer4j.data.ImageRef;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Prediction;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.track.IouTracker;
import org.fer4j.vision.wild.Annotator;
import org.fer4j.vision.wild.FaceClassifier;

/**
 * Decode → detect → track → batch crops → predict → write, as a pipeline: a decoder thread fills a
 * bounded queue, this thread detects, tracks and predicts faces in batches, an encoder thread writes
 * the annotated video from a second bounded queue. At most {@link #inFlightBound()} frames exist at a
 * time whatever the video's length, and per-frame work does not depend on how far into the video it
 * is, so memory stays flat and time per frame constant.
 *
 * <p>Rows reach the {@link Listener} in frame order. A decoding failure stops the video there: every
 * frame before it is predicted, handed to the listener and encoded, then the error is thrown.
 */
public final class VideoPipeline {
    private final FaceDetector detector;
    private final FaceClassifier classifier;
    private final FaceClassifier fallback;
    private final FaceCropper cropper;
    private final IouTracker tracker;
    private final NeutralReferences neutral;
    private final int every;
    private final int batch;
    private final int queue;
    private final VideoWriter writer;
    private final Listener listener;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int maxInFlight;
    private long detectNanos;
    private long classifyNanos;

    /**
     * One face of one frame: its track, detection, prediction (or failure), the neutral reference's frame (-1:
     * none), its 68 landmarks in frame pixels when the cropper located them (else null), where the reference came
     * from ({@code first@F}, {@code auto@F}, {@code enrolled:ID}; {@code none}: the track has none yet; empty: the
     * model needs none), whether the prediction is the fallback model's (a paired model's face without a
     * reference), and for an enrolled reference the descriptor distance of the track's match (else NaN). A face
     * with reference {@code none} and no fallback has no prediction and the failure {@link #NO_REFERENCE}.
     */
    public record Row(long frame, double seconds, int track, DetectedFace face, Prediction prediction, String failure,
                      long neutralFrame, List<double[]> landmarks, String reference, boolean fallback, double neutralDistance) {
        /** Whether this face went unpredicted only because its track has no neutral reference yet. */
        public boolean awaitsReference() {
            return prediction == null && NO_REFERENCE.equals(failure);
        }
    }

    /** The failure of a paired model's face whose track has no neutral reference yet, with no fallback model. */
    public static final String NO_REFERENCE = "no neutral reference yet";

    /** Receives each analysed frame's rows, in frame order, on the pipeline's thread. */
    @FunctionalInterface
    public interface Listener {
        void frame(VideoFrame frame, List<Row> rows) throws IOException;
    }

    /**
     * What a run did; {@code maxInFlight} is the most frames that existed at once; {@code detectSeconds}
     * and {@code classifySeconds} the time this thread spent in the detector and in the classifier
     * (neutral scoring included), the rest being cropping, tracking, annotation and waiting on the queues.
     */
    public record Summary(long decoded, long analysed, long faces, int tracks, double seconds, int maxInFlight,
                          double detectSeconds, double classifySeconds) {
        public double fps() {
            return seconds > 0 ? analysed / seconds : 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d frames analysed (%d decoded), %d faces, %d tracks, %.1f frames/s",
                    analysed, decoded, faces, tracks, fps());
        }
    }

    private VideoPipeline(Builder b) {
        this.detector = b.detector;
        this.classifier = b.classifier;
        this.fallback = b.fallback;
        this.cropper = b.cropper;
        this.tracker = b.tracker;
        this.neutral = b.neutral;
        this.every = b.every;
        this.batch = b.batch;
        this.queue = b.queue;
        this.writer = b.writer;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The most frames alive at once: both queues, the batch, and one held by each of the three threads. */
    public int inFlightBound() {
        return 2 * queue + batch + 3;
    }

    private static final VideoFrame END = new VideoFrame(0, 0, new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));

    private record Pending(VideoFrame frame, List<IouTracker.Tracked> faces, List<FaceCropper.Crop> crops) {
    }

    /** Runs the whole video; the summary counts what was done. */
    public Summary run(VideoSource source) throws IOException {
        long start = System.nanoTime();
        BlockingQueue<VideoFrame> decoded = new ArrayBlockingQueue<>(queue);
        BlockingQueue<BufferedImage> toWrite = new ArrayBlockingQueue<>(queue);
        IOException[] decodeError = new IOException[1];
        IOException[] writeError = new IOException[1];
        long[] decodedCount = new long[1];
        Thread decoder = new Thread(() -> decode(source, decoded, decodeError, decodedCount), "fer4j-video-decode");
        Thread encoder = writer == null ? null : new Thread(() -> encode(toWrite, writeError), "fer4j-video-encode");
        decoder.setDaemon(true);
        decoder.start();
        if (encoder != null) {
            encoder.setDaemon(true);
            encoder.start();
        }
        long analysed = 0;
        long faces = 0;
        List<Pending> pending = new ArrayList<>();
        int pendingFaces = 0;
        boolean done = false;
        try {
            while (true) {
                VideoFrame f = decoded.take();
                if (f == END) {
                    break;
                }
                analysed++;
                long t0 = System.nanoTime();
                List<DetectedFace> found = detector.detect(f.image());
                detectNanos += System.nanoTime() - t0;
                List<IouTracker.Tracked> tracked = tracker.update(found);
                List<FaceCropper.Crop> crops = new ArrayList<>(tracked.size());
                for (IouTracker.Tracked t : tracked) {
                    crops.add(cropper.crop(f.image(), t.face()));
                }
                faces += tracked.size();
                pending.add(new Pending(f, tracked, crops));
                pendingFaces += tracked.size();
                if (pendingFaces >= batch || pending.size() >= batch) {
                    flush(pending, toWrite, writeError);
                    pendingFaces = 0;
                }
            }
            flush(pending, toWrite, writeError);
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(source.name() + ": interrupted", e);
        } finally {
            decoder.interrupt();
            if (encoder != null) {
                try {
                    if (!done) {
                        toWrite.clear();
                    }
                    toWrite.put(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)); // end marker (1×1)
                    encoder.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                decoder.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writeError[0] != null) {
            throw writeError[0];
        }
        if (decodeError[0] != null) {
            throw decodeError[0];
        }
        return new Summary(decodedCount[0], analysed, faces, tracker.tracksStarted(), (System.nanoTime() - start) / 1e9, maxInFlight,
                detectNanos / 1e9, classifyNanos / 1e9);
    }

    private void decode(VideoSource source, BlockingQueue<VideoFrame> out, IOException[] error, long[] count) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                VideoFrame f = source.next();
                if (f == null) {
                    break;
                }
                count[0]++;
                if (f.index() % every != 0) {
                    continue;
                }
                int n = inFlight.incrementAndGet();
                if (n > maxInFlight) {
                    maxInFlight = n;
                }
                out.put(f);
            }
        } catch (IOException e) {
            error[0] = e;
        } catch (InterruptedException e) {
            return; // the pipeline stopped: nobody waits for the end marker
        } catch (RuntimeException e) {
            error[0] = new IOException(source.name() + ": decoding failed (" + e + ")", e);
        }
        try {
            out.put(END);
        } catch (InterruptedException ignored) {
            // stopped while handing over the end: the pipeline is already leaving
        }
    }

    private void encode(BlockingQueue<BufferedImage> in, IOException[] error) {
        while (true) {
            BufferedImage img;
            try {
                img = in.take();
            } catch (InterruptedException e) {
                return;
            }
            if (img.getWidth() == 1 && img.getHeight() == 1) {
                return;
            }
            if (error[0] == null) {
                try {
                    writer.write(img);
                } catch (IOException e) {
                    error[0] = e; // keep draining so the pipeline never blocks on a dead encoder
                }
            }
            inFlight.decrementAndGet();
        }
    }

    /** Predicts every pending frame's faces in batches and hands the frames on, in order. */
    private void flush(List<Pending> pending, BlockingQueue<BufferedImage> toWrite, IOException[] writeError)
            throws IOException, InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        List<FaceInput> inputs = new ArrayList<>();
        List<FaceInput> fallbackInputs = new ArrayList<>();
        List<Long> refFrames = new ArrayList<>();
        List<String> refNames = new ArrayList<>();
        List<Double> refDistances = new ArrayList<>();
        List<Integer> slot = new ArrayList<>(); // ≥ 0: index in inputs; < 0: −1 − index in fallbackInputs, or MIN: no prediction
        List<NeutralReferences.Face> waiting = new ArrayList<>();
        for (Pending p : pending) {
            for (int i = 0; i < p.faces().size(); i++) {
                waiting.add(new NeutralReferences.Face(p.faces().get(i).id(), p.frame().index(), p.crops().get(i), p.frame().image(),
                        p.faces().get(i).face().box(), p.faces().get(i).face().keypoints()));
            }
        }
        long t0 = System.nanoTime();
        List<NeutralReferences.Ref> refs = classifier.needsNeutral() ? neutral.referencesFor(waiting, cropper) : null;
        for (int i = 0; i < waiting.size(); i++) {
            NeutralReferences.Face w = waiting.get(i);
            String name = "frame " + w.frame() + " track " + w.track();
            FaceInput single = new FaceInput(name, new ImageRef.MemoryImage(name, w.crop().image()), null, w.crop().box());
            if (refs == null) {
                slot.add(inputs.size());
                inputs.add(single);
                refFrames.add(-1L);
                refNames.add("");
                refDistances.add(Double.NaN);
            } else if (refs.get(i) != null) {
                slot.add(inputs.size());
                inputs.add(NeutralReferences.pair(name, w.crop(), refs.get(i)));
                refFrames.add(refs.get(i).frame());
                refNames.add(neutral.describe(refs.get(i)));
                refDistances.add(refs.get(i).distance());
            } else {
                if (fallback != null) {
                    slot.add(-1 - fallbackInputs.size());
                    fallbackInputs.add(single);
                } else {
                    slot.add(Integer.MIN_VALUE);
                }
                refFrames.add(-1L);
                refNames.add("none");
                refDistances.add(Double.NaN);
            }
        }
        List<Predictor.Result> results = classifyInBatches(classifier, inputs);
        List<Predictor.Result> fallbackResults = fallbackInputs.isEmpty() ? List.of() : classifyInBatches(fallback, fallbackInputs);
        classifyNanos += System.nanoTime() - t0;
        int r = 0;
        for (Pending p : pending) {
            List<Row> rows = new ArrayList<>(p.faces().size());
            List<Annotator.Mark> marks = new ArrayList<>();
            for (IouTracker.Tracked t : p.faces()) {
                int at = slot.get(r);
                Predictor.Result res = at >= 0 ? results.get(at) : at == Integer.MIN_VALUE
                        ? new Predictor.Result("frame " + p.frame().index() + " track " + t.id(), null, NO_REFERENCE)
                        : fallbackResults.get(-1 - at);
                rows.add(new Row(p.frame().index(), p.frame().seconds(), t.id(), t.face(), res.prediction(), res.failure(), refFrames.get(r),
                        p.crops().get(rows.size()).landmarks(), refNames.get(r), at < 0 && at != Integer.MIN_VALUE, refDistances.get(r)));
                r++;
                if (res.ok()) {
                    marks.add(new Annotator.Mark(t.face().box(), "#" + t.id() + " " + res.prediction().label()
                            + String.format(Locale.ROOT, " %.2f", res.prediction().confidence())));
                }
            }
            listener.frame(p.frame(), rows);
            if (writer != null) {
                if (writeError[0] != null) {
                    throw writeError[0];
                }
                toWrite.put(Annotator.draw(p.frame().image(), marks));
            } else {
                inFlight.decrementAndGet();
            }
        }
        pending.clear();
        if (neutral != null) {
            neutral.retain(tracker.liveIds());
        }
    }

    private List<Predictor.Result> classifyInBatches(FaceClassifier c, List<FaceInput> in) {
        List<Predictor.Result> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i += batch) {
            out.addAll(c.classify(in.subList(i, Math.min(in.size(), i + batch))));
        }
        return out;
    }

    /** Builds a pipeline: detector, classifier and listener required; the rest optional. */
    public static final class Builder {
        private FaceDetector detector;
        private FaceClassifier classifier;
        private FaceClassifier fallback;
        private FaceCropper cropper = FaceCropper.BOX;
        private IouTracker tracker;
        private NeutralReferences neutral;
        private int every = 1;
        private int batch = 16;
        private int queue = 8;
        private VideoWriter writer;
        private Listener listener;

        private Builder() {
        }

        public Builder setDetector(FaceDetector d) {
            this.detector = d;
            return this;
        }

        public Builder setClassifier(FaceClassifier c) {
            this.classifier = c;
            return this;
        }

        public Builder setListener(Listener l) {
            this.listener = l;
            return this;
        }

        /** How a detection becomes the model's crop (default: the box, as trained). */
        public Builder optCropper(FaceCropper c) {
            this.cropper = c;
            return this;
        }

        /** Default: IoU 0.3, 5 missed frames. */
        public Builder optTracker(IouTracker t) {
            this.tracker = t;
            return this;
        }

        /**
         * Paired models: a model that needs no neutral face, predicting the faces of tracks that have no
         * reference yet (their rows say {@code fallback}); without it those faces are rows without a prediction.
         */
        public Builder optFallback(FaceClassifier c) {
            this.fallback = c;
            return this;
        }

        /** Required for paired models: where each person's neutral reference comes from. */
        public Builder optNeutral(NeutralReferences n) {
            this.neutral = n;
            return this;
        }

        /** Analyse every n-th frame (default 1). */
        public Builder optEvery(int n) {
            this.every = n;
            return this;
        }

        /** Faces per forward pass (default 16). */
        public Builder optBatch(int b) {
            this.batch = b;
            return this;
        }

        /** Frames each queue holds (default 8). */
        public Builder optQueue(int q) {
            this.queue = q;
            return this;
        }

        /** Writes the annotated frames (closed by the caller). */
        public Builder optWriter(VideoWriter w) {
            this.writer = w;
            return this;
        }

        public VideoPipeline build() {
            if (detector == null || classifier == null || listener == null) {
                throw new IllegalArgumentException("a video pipeline needs a detector, a classifier and a listener");
            }
            if (every < 1) {
                throw new IllegalArgumentException("analyse every n-th frame: n must be at least 1, got " + every);
            }
            if (batch < 1 || batch > 4096) {
                throw new IllegalArgumentException("batch must be in [1, 4096], got " + batch);
            }
            if (queue < 1 || queue > 1024) {
                throw new IllegalArgumentException("queue size must be in [1, 1024], got " + queue);
            }
            if (classifier.needsNeutral() && neutral == null) {
                throw new IllegalArgumentException("the model compares each face with the same person's neutral face:"
                        + " choose how to find it (--neutral first:30, --neutral auto with --neutral-model, or --neutral-of)");
            }
            if (fallback != null && (fallback.needsNeutral() || !classifier.needsNeutral())) {
                throw new IllegalArgumentException(fallback.needsNeutral() ? "the fallback model must need no neutral face"
                        : "a fallback model is for paired models, which need a neutral reference; this model needs none");
            }
            if (tracker == null) {
                tracker = new IouTracker();
            }
            return new VideoPipeline(this);
        }
    }
}
