package org.fer4j.vision.video;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.wild.FaceClassifier;
import org.fer4j.vision.wild.PhotoFaces;

/**
 * Personal neutral calibration for paired (SPNDL) models in a video: each track keeps one reference
 * face of that person, taken from the video's own frames, and every frame of the track is predicted
 * against it.
 *
 * <p>Which frame becomes the reference: with a {@code scorer} (a model that needs no neutral face and
 * has a {@code neutral} class, e.g. face-api's expression network) the frame it scores most neutral so
 * far, a running choice that can improve as the video goes on ({@link Mode#AUTO}: any frame of the
 * track; {@link Mode#FIRST}: only the track's first {@code k} frames, as CK+ sequences start neutral).
 * Without a scorer only {@code FIRST} is possible and the reference is the track's first frame. A frame
 * is always compared with the best reference known when it is predicted, itself included; the row records
 * which frame was used.
 *
 * <p>With {@code FIRST} the track's first frame is its reference at once (the user says tracks start
 * neutral). With {@code AUTO} a frame becomes a reference only once the scorer rates {@code neutral} its
 * most likely class: before that the track has no reference ({@link #referencesFor} gives null), and the
 * pipeline predicts it with a fallback model that needs none, or leaves its probabilities empty, flagged
 * either way; taking the first frame whatever it shows would compare an expression with an expression
 * and be silently wrong.
 *
 * <p>{@link Mode#ENROLLED} ({@code video --neutral-of}): the reference is not taken from the video but from
 * enrolled neutral photos, one per person. A track's face is matched by a {@link PhotoFaces.NeutralMatcher}
 * (face-api's face-recognition descriptor in {@link org.fer4j.vision.wild.NeutralGallery}); once matched, that
 * person's enrolled face is the track's reference for all its frames and the track is not matched again. A track
 * no one is close enough to has no reference (null, as {@code AUTO} before a neutral frame) and is tried again
 * on its next frame, so a person who enters turned away is matched once they face the camera.
 */
public final class NeutralReferences {
    /** Where a reference may come from. */
    public enum Mode { FIRST, AUTO, ENROLLED }

    private final Mode mode;
    private final int k;
    private final FaceClassifier scorer;
    private final PhotoFaces.NeutralMatcher matcher;
    private final Map<Integer, Ref> refs = new HashMap<>();
    private final Map<String, FaceCropper.Crop> enrolledCrops = new HashMap<>();
    private long matches;

    /**
     * A kept reference: a small copy of the frame around the face (or an enrolled person's face, {@code frame}
     * −1), and where it came from; {@code person} and {@code distance} (the descriptor distance of the match) only
     * for {@link Mode#ENROLLED}, else null and NaN.
     */
    record Ref(FaceCropper.Crop crop, long frame, double score, int seen, String person, double distance) {
        Ref(FaceCropper.Crop crop, long frame, double score, int seen) {
            this(crop, frame, score, seen, null, Double.NaN);
        }
    }

    /** Where the reference came from, as the rows spell it: {@code first@F}, {@code auto@F} or {@code enrolled:ID}. */
    String describe(Ref ref) {
        return switch (mode) {
            case FIRST -> "first@" + ref.frame();
            case AUTO -> "auto@" + ref.frame();
            case ENROLLED -> "enrolled:" + ref.person();
        };
    }

    /**
     * One face waiting to be predicted: its crop, and the frame and detection box it was found in (what an
     * enrolment matcher describes; the crop's image may be a turned patch).
     */
    record Face(int track, long frame, FaceCropper.Crop crop, BufferedImage image, FaceBox box) {
        Face {
            if (crop == null || image == null || box == null) {
                throw new IllegalArgumentException("a face needs its crop, its frame and its box");
            }
        }

        /** A face whose crop is the whole frame and its detection box ({@link FaceCropper#BOX}). */
        Face(int track, long frame, FaceCropper.Crop crop) {
            this(track, frame, crop, crop.image(), crop.box());
        }
    }

    public NeutralReferences(Mode mode, int k, FaceClassifier scorer) {
        if (mode == null) {
            throw new IllegalArgumentException("a neutral reference needs a mode");
        }
        if (mode == Mode.ENROLLED) {
            throw new IllegalArgumentException("enrolled neutral faces come from a matcher: use NeutralReferences.enrolled");
        }
        if (mode == Mode.AUTO && scorer == null) {
            throw new IllegalArgumentException("--neutral auto picks the frames a model scores most neutral: give that model"
                    + " (--neutral-model faceapi-expression, or a fer4j model with a neutral class), or use --neutral first:K");
        }
        if (mode == Mode.FIRST && (k < 1 || k > 1_000_000)) {
            throw new IllegalArgumentException("--neutral first:K needs K in [1, 1000000], got " + k);
        }
        if (scorer != null && scorer.needsNeutral()) {
            throw new IllegalArgumentException("the neutral scorer must be a model that needs no neutral face");
        }
        this.mode = mode;
        this.k = k;
        this.scorer = scorer;
        this.matcher = null;
    }

    private NeutralReferences(PhotoFaces.NeutralMatcher matcher) {
        if (matcher == null) {
            throw new IllegalArgumentException("enrolled neutral references need a matcher (the enrolled people)");
        }
        this.mode = Mode.ENROLLED;
        this.k = 0;
        this.scorer = null;
        this.matcher = matcher;
    }

    /** {@link Mode#ENROLLED}: each track's reference is the enrolled face {@code matcher} finds for it. */
    public static NeutralReferences enrolled(PhotoFaces.NeutralMatcher matcher) {
        return new NeutralReferences(matcher);
    }

    /** How many times a track was matched to an enrolled person ({@link Mode#ENROLLED}; at most once per track). */
    long matches() {
        return matches;
    }

    /** Parses {@code auto} or {@code first:K}. */
    public static NeutralReferences parse(String spec, FaceClassifier scorer) {
        if (spec.equals("auto")) {
            return new NeutralReferences(Mode.AUTO, 0, scorer);
        }
        if (spec.startsWith("first:")) {
            try {
                return new NeutralReferences(Mode.FIRST, Integer.parseInt(spec.substring(6)), scorer);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--neutral " + spec + ": K must be a whole number, as in first:30");
            }
        }
        throw new IllegalArgumentException("--neutral '" + spec + "': use auto or first:K (e.g. first:30)");
    }

    /**
     * The reference of each face, in order, updating every track's choice with these faces first (in
     * frame order, so the choice does not depend on how frames were batched); null for a face whose track
     * has no reference yet ({@link Mode#AUTO} before any frame scored neutral).
     */
    List<Ref> referencesFor(List<Face> faces) {
        return referencesFor(faces, FaceCropper.BOX);
    }

    /**
     * As {@link #referencesFor(List)}; {@code cropper} (the one that cut the faces) cuts an enrolled person's face
     * the same way, once per person ({@link Mode#ENROLLED}).
     */
    List<Ref> referencesFor(List<Face> faces, FaceCropper cropper) {
        if (mode == Mode.ENROLLED) {
            return enrolledFor(faces, cropper);
        }
        double[] scores = scorer == null ? null : neutralScores(faces);
        List<Ref> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            Ref cur = refs.get(f.track());
            int seen = cur == null ? 1 : cur.seen() + 1;
            boolean eligible = mode == Mode.AUTO || seen <= k;
            double score = scores == null ? 0 : scores[i];
            boolean candidate = mode == Mode.FIRST || score > 0; // AUTO: only a frame scored neutral (score ≤ 0 otherwise)
            if ((cur == null && candidate) || (cur != null && eligible && scores != null && score > cur.score())) {
                cur = new Ref(keep(f.crop()), f.frame(), score, seen);
            } else if (cur != null) {
                cur = new Ref(cur.crop(), cur.frame(), cur.score(), seen);
            }
            if (cur != null) {
                refs.put(f.track(), cur);
            }
            out.add(cur);
        }
        return out;
    }

    private List<Ref> enrolledFor(List<Face> faces, FaceCropper cropper) {
        List<Ref> out = new ArrayList<>(faces.size());
        for (Face f : faces) {
            Ref cur = refs.get(f.track());
            if (cur == null) {
                PhotoFaces.NeutralMatch m = matcher.match(f.image(), f.box());
                if (m.found()) {
                    matches++;
                    FaceCropper.Crop crop = enrolledCrops.computeIfAbsent(m.person(), p -> cropper.crop(m.region(), m.face()));
                    cur = new Ref(crop, -1, 0, 1, m.person(), m.distance());
                    refs.put(f.track(), cur);
                }
            }
            out.add(cur);
        }
        return out;
    }

    /** Forgets tracks that ended, so memory follows the people in view, not the video's length. */
    void retain(java.util.Collection<Integer> liveTracks) {
        refs.keySet().retainAll(liveTracks);
    }

    /** The reference's input for the predictor. */
    static FaceInput pair(String name, FaceCropper.Crop target, Ref ref) {
        return new FaceInput(name, new ImageRef.MemoryImage(name, target.image()),
                new ImageRef.MemoryImage(ref.person() != null ? "neutral of " + ref.person() : "frame " + ref.frame(), ref.crop().image()), target.box(), ref.crop().box());
    }

    private double[] neutralScores(List<Face> faces) {
        List<FaceInput> in = new ArrayList<>(faces.size());
        for (Face f : faces) {
            in.add(new FaceInput("t" + f.track() + "@" + f.frame(), new ImageRef.MemoryImage("frame " + f.frame(), f.crop().image()),
                    null, f.crop().box()));
        }
        List<Predictor.Result> results = scorer.classify(in);
        double[] s = new double[faces.size()];
        for (int i = 0; i < s.length; i++) {
            Predictor.Result r = results.get(i);
            if (!r.ok()) {
                s[i] = -2;
                continue;
            }
            int n = r.prediction().classes().indexOf("neutral");
            if (n < 0) {
                throw new IllegalArgumentException("the neutral scorer has no 'neutral' class (classes: "
                        + r.prediction().classes() + "); use faceapi-expression or --neutral first:K");
            }
            double[] p = r.prediction().probabilities();
            boolean top = true;
            for (int c = 0; c < p.length; c++) {
                top &= c == n || p[c] < p[n];
            }
            // a frame the scorer does not rate neutral first can never be chosen: its score is below any neutral one
            s[i] = top ? p[n] : p[n] - 1;
        }
        return s;
    }

    /**
     * A copy of the frame around the face, wide enough for any crop margin in [0, 1] (1.5 times the box's larger
     * side on every side), with the box moved into it: the crop the predictor makes is the same as from
     * the whole frame, without holding the frame.
     */
    static FaceCropper.Crop keep(FaceCropper.Crop crop) {
        BufferedImage img = crop.image();
        FaceBox b = crop.box();
        double pad = 1.5 * Math.max(b.width(), b.height());
        int x0 = (int) Math.max(0, Math.floor(b.x() - pad));
        int y0 = (int) Math.max(0, Math.floor(b.y() - pad));
        int x1 = (int) Math.min(img.getWidth(), Math.ceil(b.x() + b.width() + pad));
        int y1 = (int) Math.min(img.getHeight(), Math.ceil(b.y() + b.height() + pad));
        if (x1 - x0 < 1 || y1 - y0 < 1) {
            return crop;
        }
        BufferedImage copy = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_3BYTE_BGR);
        copy.getGraphics().drawImage(img, -x0, -y0, null);
        return new FaceCropper.Crop(copy, new FaceBox(b.x() - x0, b.y() - y0, b.width(), b.height()));
    }
}
