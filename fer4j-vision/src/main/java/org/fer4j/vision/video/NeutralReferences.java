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
 * <p>With a <em>paired</em> scorer, a <b>neutral ranker</b> (a paired model with a {@code neutral} class trained on every
 * pair in both orders: the target against its neutral face labelled with its expression, the neutral face against
 * the target labelled {@code neutral}; {@link org.fer4j.data.ReversedPairs}), the choice is relative, as SPNDL
 * itself is: the identity cancels in the difference of two faces of one person, which a model scoring one face at
 * a time cannot remove. The track's first frame is its <em>anchor</em>; every later frame is compared with it both
 * ways, {@code P(neutral | frame, anchor) − P(neutral | anchor, frame)} ("this frame is the more neutral of the
 * two" minus the converse: 0 for equal faces, whatever the ranker's bias, and half the noise of one direction). A
 * frame more than {@link #RANK_MARGIN} above 0 is more neutral than the anchor and the most neutral such frame
 * becomes the reference; a frame more than the margin below shows that the anchor (or the best frame so far) is
 * the more neutral. The reference is given out only after one of these comparisons confirmed it (before, null, as
 * above), and since every frame is compared with the same anchor the choice does not depend on the batching.
 *
 * <p>With either scorer a frame becomes the reference only if its face is sharp and frontal ({@link FaceQuality}:
 * at least half as sharp as the track's sharpest face so far, frontal by the detector's keypoints where it gives
 * them); with the ranker a sharp frontal frame as neutral as a blurred or turned reference (within the margin)
 * replaces it.
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
    /** Paired scorer (neutral ranker) only: each live track's first frame, and which tracks' references are confirmed. */
    private final Map<Integer, Anchor> anchors = new HashMap<>();
    private final java.util.Set<Integer> confirmed = new java.util.HashSet<>();
    /** Each live track's sharpest face so far, and whether its current reference is sharp and frontal ({@link FaceQuality}). */
    private final Map<Integer, Double> sharpest = new HashMap<>();
    private final Map<Integer, Quality> referenceQuality = new HashMap<>();

    /** A face's sharpness and frontality ({@link FaceQuality}). */
    private record Quality(double sharpness, boolean frontal) {
    }
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

    /**
     * How far from 0 the ranker's two-way score {@code P(neutral | frame, anchor) − P(neutral | anchor, frame)} must be
     * before a frame counts as more (or less) neutral than the anchor: its answers on two frames of one expression
     * differ by noise, which must not move the reference.
     */
    public static final double RANK_MARGIN = 0.15;

    /** A neutral ranker's anchor: the track's first frame, kept. */
    private record Anchor(FaceCropper.Crop crop, long frame) {
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
    record Face(int track, long frame, FaceCropper.Crop crop, BufferedImage image, FaceBox box,
                List<org.fer4j.vision.detect.DetectedFace.Keypoint> keypoints) {
        Face {
            if (crop == null || image == null || box == null) {
                throw new IllegalArgumentException("a face needs its crop, its frame and its box");
            }
            keypoints = keypoints == null ? List.of() : List.copyOf(keypoints);
        }

        /** A face without the detector's keypoints. */
        Face(int track, long frame, FaceCropper.Crop crop, BufferedImage image, FaceBox box) {
            this(track, frame, crop, image, box, List.of());
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
        if (scorer != null && scorer.needsNeutral()) {
            return rankedFor(faces);
        }
        double[] scores = scorer == null ? null : neutralScores(faces);
        List<Ref> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            Ref cur = refs.get(f.track());
            int seen = cur == null ? 1 : cur.seen() + 1;
            boolean eligible = mode == Mode.AUTO || seen <= k;
            double score = scores == null ? 0 : scores[i];
            boolean fit = scores == null || fit(f); // without a scorer the first frame is taken, as the user said
            boolean candidate = mode == Mode.FIRST || score > 0; // AUTO: only a frame scored neutral (score ≤ 0 otherwise)
            if ((cur == null && candidate && (fit || mode == Mode.FIRST)) || (cur != null && eligible && scores != null
                    && score > cur.score() && fit)) {
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

    /** A neutral ranker's choice (see the class comment): every frame against its track's anchor, both ways, in frame order. */
    private List<Ref> rankedFor(List<Face> faces) {
        boolean[] anchor = new boolean[faces.size()];
        List<FaceInput> in = new ArrayList<>(2 * faces.size());
        List<Integer> at = new ArrayList<>(faces.size()); // index of a face's first comparison in {@code in}
        List<FaceCropper.Crop> kept = new ArrayList<>(faces.size()); // each face's small copy, made once
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            Anchor a = anchors.get(f.track());
            at.add(in.size());
            kept.add(keep(f.crop()));
            if (a == null) {
                anchor[i] = true;
                anchors.put(f.track(), new Anchor(kept.get(i), f.frame()));
                continue;
            }
            String name = "t" + f.track() + "@" + f.frame();
            in.add(pair(name, f.crop(), new Ref(a.crop(), a.frame(), 0, 0)));            // is the frame the more neutral?
            in.add(pair(name + " reversed", a.crop(), new Ref(kept.get(i), f.frame(), 0, 0))); // is the anchor?
        }
        List<Predictor.Result> results = in.isEmpty() ? List.of() : scorer.classify(in);
        List<Ref> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            Quality q = quality(f);
            boolean fit = fit(f.track(), q);
            if (anchor[i]) {
                Anchor a = anchors.get(f.track());
                refs.put(f.track(), new Ref(a.crop(), a.frame(), 0, 1));
                referenceQuality.put(f.track(), q);
                out.add(null); // one frame alone says nothing about which face is neutral
                continue;
            }
            Predictor.Result forward = results.get(at.get(i));
            Predictor.Result backward = results.get(at.get(i) + 1);
            Ref cur = refs.get(f.track());
            int seen = cur.seen() + 1;
            boolean eligible = mode == Mode.AUTO || seen <= k;
            if (forward.ok() && backward.ok()) {
                double s = neutralProbability(forward) - neutralProbability(backward); // antisymmetric: 0 for equal faces
                if (s < -RANK_MARGIN) {
                    confirmed.add(f.track()); // clearly more expressive: the anchor (or the best so far) is the more neutral
                } else if (eligible && fit && (s > Math.max(RANK_MARGIN, cur.score())
                        || (!fit(f.track(), referenceQuality.get(f.track())) && s >= cur.score() - RANK_MARGIN))) {
                    // the most neutral sharp frontal frame; among equally neutral ones, a sharp frontal one over one that is not
                    cur = new Ref(kept.get(i), f.frame(), Math.max(s, cur.score()), seen);
                    referenceQuality.put(f.track(), q);
                    if (s > RANK_MARGIN) {
                        confirmed.add(f.track()); // clearly more neutral than the anchor
                    }
                }
            }
            cur = new Ref(cur.crop(), cur.frame(), cur.score(), seen);
            refs.put(f.track(), cur);
            out.add(confirmed.contains(f.track()) ? cur : null);
        }
        return out;
    }

    /**
     * Whether {@code f} may be a reference: frontal by its keypoints, and at least {@link FaceQuality#SHARP_FRACTION}
     * of its track's sharpest face so far (this one included). Called once per face, in frame order.
     */
    private boolean fit(Face f) {
        return fit(f.track(), quality(f));
    }

    /** Measures {@code f} and counts it in its track's sharpest face. */
    private Quality quality(Face f) {
        Quality q = new Quality(FaceQuality.sharpness(f.crop().image(), f.crop().box()), FaceQuality.frontal(f.keypoints()));
        sharpest.merge(f.track(), q.sharpness(), Math::max);
        return q;
    }

    /** Whether a face of this quality may be the track's reference now (sharper faces may have come since). */
    private boolean fit(int track, Quality q) {
        return q.frontal() && q.sharpness() >= FaceQuality.SHARP_FRACTION * sharpest.getOrDefault(track, 0.0);
    }

    private static double neutralProbability(Predictor.Result r) {
        int n = neutralIndex(r);
        return r.prediction().probabilities()[n];
    }

    private static boolean topIsNeutral(Predictor.Result r) {
        double[] p = r.prediction().probabilities();
        int n = neutralIndex(r);
        for (int c = 0; c < p.length; c++) {
            if (c != n && p[c] >= p[n]) {
                return false;
            }
        }
        return true;
    }

    private static int neutralIndex(Predictor.Result r) {
        int n = r.prediction().classes().indexOf("neutral");
        if (n < 0) {
            throw new IllegalArgumentException("the neutral scorer has no 'neutral' class (classes: "
                    + r.prediction().classes() + "); use faceapi-expression, a neutral ranker or --neutral first:K");
        }
        return n;
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
        anchors.keySet().retainAll(liveTracks);
        confirmed.retainAll(liveTracks);
        sharpest.keySet().retainAll(liveTracks);
        referenceQuality.keySet().retainAll(liveTracks);
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
            double pn = neutralProbability(r);
            // a frame the scorer does not rate neutral first can never be chosen: its score is below any neutral one
            s[i] = topIsNeutral(r) ? pn : pn - 1;
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
