package org.fer4j.vision.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.vision.detect.DetectedFace;

/**
 * Gives the faces of consecutive frames stable ids by box overlap and keypoint distance: each frame's detections
 * are matched greedily to the live tracks, highest affinity first. The affinity is the intersection-over-union of
 * the boxes; where the detection and the track's last face both have keypoints (BlazeFace's six), it is the mean
 * of the IoU and a keypoint similarity, {@code max(0, 1 − d / s)} with {@code d} the mean distance between
 * corresponding keypoints and {@code s} half the side of the track's box: two faces whose boxes overlap as they
 * cross keep their ids by where their eyes, nose and mouth are. A pair needs the IoU threshold either way. A
 * detection left over starts a
 * new track (a new id, never reused); a track not matched for more than {@code maxMissed} frames ends,
 * so a face lost for a frame or two (a blink of the detector) keeps its id. Not thread-safe: one per video.
 */
public final class IouTracker {
    private final double minIou;
    private final int maxMissed;
    private final List<Live> live = new ArrayList<>();
    private int nextId = 1;

    /** A detection with the track it belongs to. */
    public record Tracked(int id, DetectedFace face) {
    }

    private static final class Live {
        final int id;
        DetectedFace face;
        int missed;

        Live(int id, DetectedFace face) {
            this.id = id;
            this.face = face;
        }
    }

    /**
     * @param minIou    the overlap a detection needs with a track's last box to continue it, in (0, 1]
     * @param maxMissed frames a track may go unmatched before it ends, ≥ 0
     */
    public IouTracker(double minIou, int maxMissed) {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("tracker IoU threshold must be in (0, 1], got " + minIou);
        }
        if (maxMissed < 0 || maxMissed > 10_000) {
            throw new IllegalArgumentException("tracker missed-frame tolerance must be in [0, 10000], got " + maxMissed);
        }
        this.minIou = minIou;
        this.maxMissed = maxMissed;
    }

    /** IoU 0.3, a face may be missed for 5 frames. */
    public IouTracker() {
        this(0.3, 5);
    }

    /** The next frame's detections with their track ids, in the detections' order. */
    public List<Tracked> update(List<DetectedFace> faces) {
        record Pair(int track, int face, double affinity) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < live.size(); t++) {
            for (int f = 0; f < faces.size(); f++) {
                DetectedFace last = live.get(t).face;
                double iou = iou(last.box(), faces.get(f).box());
                if (iou >= minIou) {
                    pairs.add(new Pair(t, f, affinity(last, faces.get(f), iou)));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::affinity).reversed());
        int[] trackOf = new int[faces.size()];
        java.util.Arrays.fill(trackOf, -1);
        boolean[] used = new boolean[live.size()];
        for (Pair p : pairs) {
            if (!used[p.track()] && trackOf[p.face()] < 0) {
                used[p.track()] = true;
                trackOf[p.face()] = p.track();
            }
        }
        List<Tracked> out = new ArrayList<>(faces.size());
        List<Live> born = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            DetectedFace face = faces.get(f);
            Live l;
            if (trackOf[f] >= 0) {
                l = live.get(trackOf[f]);
                l.face = face;
                l.missed = 0;
            } else {
                l = new Live(nextId++, face);
                born.add(l);
            }
            out.add(new Tracked(l.id, face));
        }
        int i = 0;
        for (Iterator<Live> it = live.iterator(); it.hasNext(); i++) {
            Live l = it.next();
            if (!used[i] && ++l.missed > maxMissed) {
                it.remove();
            }
        }
        live.addAll(born);
        return out;
    }

    /** Ids of the tracks still alive (matched recently enough). */
    public List<Integer> liveIds() {
        return live.stream().map(l -> l.id).toList();
    }

    /** Tracks started so far. */
    public int tracksStarted() {
        return nextId - 1;
    }

    /** The IoU, averaged with the keypoint similarity where both faces have the same keypoints (see the class comment). */
    static double affinity(DetectedFace last, DetectedFace next, double iou) {
        List<DetectedFace.Keypoint> a = last.keypoints();
        List<DetectedFace.Keypoint> b = next.keypoints();
        if (a.isEmpty() || a.size() != b.size()) {
            return iou;
        }
        double d = 0;
        for (int i = 0; i < a.size(); i++) {
            d += Math.hypot(a.get(i).x() - b.get(i).x(), a.get(i).y() - b.get(i).y());
        }
        d /= a.size();
        double scale = 0.5 * Math.sqrt(last.box().width() * last.box().height());
        return (iou + Math.max(0, 1 - d / scale)) / 2;
    }

    /** Intersection over union of two boxes, in [0, 1]. */
    public static double iou(FaceBox a, FaceBox b) {
        double ix = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        return inter / (a.width() * a.height() + b.width() * b.height() - inter);
    }
}
