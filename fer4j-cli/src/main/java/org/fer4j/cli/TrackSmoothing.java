package org.fer4j.cli;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code video --smooth A}: per track, an exponential moving average of the class probabilities,
 * {@code s = A·s + (1 − A)·p}, so a label does not flicker frame to frame. The raw probabilities stay
 * in the CSV; the smoothed label and its probability are two more columns. Tracks unseen for a while
 * are forgotten, so memory follows the people in view.
 */
final class TrackSmoothing {
    private static final long FORGET_AFTER_FRAMES = 1000;
    private final double alpha;
    private final Map<Integer, double[]> state = new HashMap<>();
    private final Map<Integer, Long> lastSeen = new HashMap<>();

    TrackSmoothing(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("--smooth " + alpha + ": must be at least 0 and below 1 (0: no smoothing)");
        }
        this.alpha = alpha;
    }

    /** The track's smoothed probabilities after this frame's raw ones (the first frame's are its own). */
    double[] update(int track, long frame, double[] p) {
        double[] s = state.get(track);
        if (s == null || s.length != p.length) {
            s = p.clone();
            state.put(track, s);
        } else {
            for (int i = 0; i < p.length; i++) {
                s[i] = alpha * s[i] + (1 - alpha) * p[i];
            }
        }
        lastSeen.put(track, frame);
        if (frame % FORGET_AFTER_FRAMES == 0) {
            for (Iterator<Map.Entry<Integer, Long>> it = lastSeen.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Long> e = it.next();
                if (frame - e.getValue() > FORGET_AFTER_FRAMES) {
                    state.remove(e.getKey());
                    it.remove();
                }
            }
        }
        return s.clone();
    }
}
