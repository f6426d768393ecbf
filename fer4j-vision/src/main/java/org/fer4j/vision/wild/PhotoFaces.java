package org.fer4j.vision.wild;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.detect.FaceDetector;

/**
 * Raw photos in, a prediction per detected face out: each photo is decoded, its faces found and
 * cropped as the model was trained ({@link FaceCropper}), and faces of consecutive photos share one
 * batched forward pass. Only the photos whose faces wait for the next batch are held in memory.
 */
public final class PhotoFaces {
    private final FaceDetector detector;
    private final FaceCropper cropper;
    private final FaceClassifier classifier;
    private final int batchSize;
    private final Map<String, FaceCropper.Crop> neutrals = new HashMap<>();
    private final NeutralMatcher matcher;

    /**
     * Finds the person's own neutral face for a face of a photo that came without one ({@link NeutralGallery}:
     * by face-recognition descriptor among enrolled people).
     */
    public interface NeutralMatcher {
        NeutralMatch match(BufferedImage photo, FaceBox face);
    }

    /**
     * What a {@link NeutralMatcher} found: the person, the descriptor distance and their neutral face (a region
     * and the face in it), or why there is none ({@code failure}).
     */
    public record NeutralMatch(String person, double distance, BufferedImage region, DetectedFace face, String failure) {
        public NeutralMatch {
            if ((failure == null) == (person == null || region == null || face == null)) {
                throw new IllegalArgumentException("a neutral match is either a person with their face or a failure");
            }
        }

        public static NeutralMatch none(String why) {
            return new NeutralMatch(null, Double.NaN, null, null, why);
        }

        public boolean found() {
            return failure == null;
        }
    }

    /**
     * One photo to read.
     *
     * @param box        the face, when the caller knows it (no detection for this photo), else null
     * @param neutral    the person's neutral photo for a paired model, else null
     * @param neutralBox the face in {@code neutral}; null detects it (exactly one face must be found)
     */
    public record Photo(String name, ImageRef image, FaceBox box, ImageRef neutral, FaceBox neutralBox) {
        public Photo {
            if (name == null || image == null) {
                throw new IllegalArgumentException("a photo needs a name and an image");
            }
        }
    }

    /**
     * One face of a photo: its place, the detection, the model's answer (or why there is none), and its 68
     * landmarks in photo pixels when the cropper located them (a landmark cropper), else null; {@code neutral}
     * the enrolled person matched to the face when a {@link NeutralMatcher} was asked, else null.
     */
    public record Face(String image, int index, DetectedFace detection, Predictor.Result result, List<double[]> landmarks,
                       NeutralMatch neutral) {
    }

    /** Receives each photo once all its faces are predicted, in input order. */
    public interface Sink {
        void photo(Photo photo, BufferedImage image, List<Face> faces) throws IOException;

        /** A photo that could not be read or whose neutral reference could not be used. */
        void failed(Photo photo, String why) throws IOException;
    }

    /** Counts of a run. */
    public record Summary(int photos, int failed, int faces, int predicted) {
    }

    public PhotoFaces(FaceDetector detector, FaceCropper cropper, FaceClassifier classifier, int batchSize) {
        this(detector, cropper, classifier, batchSize, null);
    }

    /**
     * @param matcher for a paired classifier, finds each face's neutral face when its photo names none
     *                (null: such a face needs the photo's neutral)
     */
    public PhotoFaces(FaceDetector detector, FaceCropper cropper, FaceClassifier classifier, int batchSize, NeutralMatcher matcher) {
        this.matcher = matcher;
        if (detector == null || cropper == null || classifier == null) {
            throw new IllegalArgumentException("photo faces need a detector, a cropper and a classifier");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.detector = detector;
        this.cropper = cropper;
        this.classifier = classifier;
        this.batchSize = batchSize;
    }

    private record Pending(Photo photo, BufferedImage image, List<DetectedFace> faces, List<FaceInput> inputs,
                           List<List<double[]>> landmarks, List<NeutralMatch> matches) {
    }

    /** Runs every photo through detection and the classifier, handing results to {@code sink}. */
    public Summary run(Iterable<Photo> photos, Sink sink) throws IOException {
        List<Pending> pending = new ArrayList<>();
        int waiting = 0;
        int count = 0;
        int failed = 0;
        int[] faceCounts = new int[2];
        for (Photo photo : photos) {
            count++;
            BufferedImage image;
            FaceCropper.Crop neutral;
            try {
                image = photo.image().read();
                neutral = classifier.needsNeutral() && photo.neutral() != null ? neutral(photo.neutral(), photo.neutralBox()) : null;
            } catch (IOException | RuntimeException e) {
                failed++;
                sink.failed(photo, e.getMessage() == null ? e.toString() : e.getMessage());
                continue;
            }
            List<DetectedFace> faces = photo.box() != null ? List.of(new DetectedFace(photo.box(), 1, List.of()))
                    : detector.detect(image);
            List<FaceInput> inputs = new ArrayList<>(faces.size());
            List<List<double[]>> landmarks = new ArrayList<>(faces.size());
            List<NeutralMatch> matches = new ArrayList<>(faces.size());
            boolean matching = matcher != null && classifier.needsNeutral() && photo.neutral() == null;
            for (int i = 0; i < faces.size(); i++) {
                FaceCropper.Crop crop = cropper.crop(image, faces.get(i));
                landmarks.add(crop.landmarks());
                String name = photo.name() + "#" + i;
                NeutralMatch match = matching ? matcher.match(image, faces.get(i).box()) : null;
                matches.add(match);
                FaceCropper.Crop own = match != null && match.found() ? enrolled(match) : neutral;
                String ownName = match != null && match.found() ? "neutral of " + match.person()
                        : neutral == null ? null : photo.neutral().describe();
                inputs.add(new FaceInput(name, new ImageRef.MemoryImage(name, crop.image()),
                        own == null ? null : new ImageRef.MemoryImage(ownName, own.image()),
                        crop.box(), own == null ? null : own.box()));
            }
            pending.add(new Pending(photo, image, faces, inputs, landmarks, matches));
            waiting += inputs.size();
            if (waiting >= batchSize) {
                flush(pending, sink, faceCounts);
                waiting = 0;
            }
        }
        flush(pending, sink, faceCounts);
        return new Summary(count, failed, faceCounts[0], faceCounts[1]);
    }

    /** Predicts every waiting face (in batches of at most {@code batchSize}) and emits their photos. */
    private void flush(List<Pending> pending, Sink sink, int[] counts) throws IOException {
        List<FaceInput> all = new ArrayList<>();
        pending.forEach(p -> all.addAll(p.inputs()));
        List<NeutralMatch> matched = new ArrayList<>(all.size());
        pending.forEach(p -> matched.addAll(p.matches()));
        List<FaceInput> ready = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (matched.get(i) == null || matched.get(i).found()) {
                ready.add(all.get(i));
            }
        }
        List<Predictor.Result> answered = new ArrayList<>(ready.size());
        for (int i = 0; i < ready.size(); i += batchSize) {
            answered.addAll(classifier.classify(ready.subList(i, Math.min(ready.size(), i + batchSize))));
        }
        // a face without a neutral match is not predicted (a paired model would answer against nothing): it says why
        List<Predictor.Result> results = new ArrayList<>(all.size());
        for (int i = 0, a = 0; i < all.size(); i++) {
            NeutralMatch m = matched.get(i);
            results.add(m == null || m.found() ? answered.get(a++) : new Predictor.Result(all.get(i).name(), null, m.failure()));
        }
        int r = 0;
        for (Pending p : pending) {
            List<Face> faces = new ArrayList<>(p.faces().size());
            for (int i = 0; i < p.faces().size(); i++) {
                Predictor.Result result = results.get(r++);
                counts[0]++;
                counts[1] += result.ok() ? 1 : 0;
                faces.add(new Face(p.photo().name(), i, p.faces().get(i), result, p.landmarks().get(i), p.matches().get(i)));
            }
            sink.photo(p.photo(), p.image(), faces);
        }
        pending.clear();
    }

    /** An enrolled person's neutral face, cropped as the faces are (once per person and run). */
    private FaceCropper.Crop enrolled(NeutralMatch m) {
        return neutrals.computeIfAbsent("enrolled:" + m.person(), k -> cropper.crop(m.region(), m.face()));
    }

    /** The neutral photo's crop: the given box, or its one detected face (none or several is an error). */
    private FaceCropper.Crop neutral(ImageRef ref, FaceBox box) throws IOException {
        String key = ref.describe() + (box == null ? "" : "@" + box);
        FaceCropper.Crop known = neutrals.get(key);
        if (known != null) {
            return known;
        }
        BufferedImage img = ref.read();
        FaceCropper.Crop crop;
        if (box != null) {
            crop = new FaceCropper.Crop(img, box);
        } else {
            List<DetectedFace> faces = detector.detect(img);
            if (faces.size() != 1) {
                throw new IllegalArgumentException(ref.describe() + ": the neutral photo needs exactly one face, the "
                        + detector.name() + " detector found " + faces.size() + (faces.isEmpty() ? "" : "; give --neutral-face-box"));
            }
            crop = cropper.crop(img, faces.get(0));
        }
        if (neutrals.size() > 64) {
            neutrals.clear(); // a manifest with a neutral per row: keep memory bounded
        }
        neutrals.put(key, crop);
        return crop;
    }
}
