package org.fer4j.vision.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.vision.detect.DetectedFace;

/**
 * Gives the faces of consecutive frames stable ids by box overlap: each frame's detections are matched
 * greedily to the live tracks, highest intersection-over-union first; a detection left over starts a
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
        FaceBox box;
        int missed;

        Live(int id, FaceBox box) {
            this.id = id;
            this.box = box;
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
        record Pair(int track, int face, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < live.size(); t++) {
            for (int f = 0; f < faces.size(); f++) {
                double iou = iou(live.get(t).box, faces.get(f).box());
                if (iou >= minIou) {
                    pairs.add(new Pair(t, f, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
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
                l.box = face.box();
                l.missed = 0;
            } else {
                l = new Live(nextId++, face.box());
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

    /** Intersection over union of two boxes, in [0, 1]. */
    public static double iou(FaceBox a, FaceBox b) {
        double ix = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        return inter / (a.width() * a.height() + b.width() * b.height() - inter);
    }
}
