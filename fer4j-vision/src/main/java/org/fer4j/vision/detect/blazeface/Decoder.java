package org.fer4j.vision.detect.blazeface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BlazeFace's post-processing, as the package's compute shaders ({@code Postprocess1Kernel.hlsl},
 * {@code Postprocess2.compute}) and MediaPipe's {@code TensorsToDetectionsCalculator} define it: per
 * anchor, score = sigmoid(raw) (raw clipped to ±100); box centre = anchor + (dx, dy) / 128, size =
 * (w, h) / 128; keypoint = anchor + (kx, ky) / 128 (all in [0, 1] of the view, y down); then weighted
 * non-maximum suppression.
 */
final class Decoder {
    private static final double SCORE_CLIP = 100;

    private Decoder() {
    }

    /**
     * Candidates scoring above {@code threshold}, mapped from the view's [0, 1] into image pixels.
     *
     * @param scores  one raw logit per anchor
     * @param boxes   16 raw values per anchor (dx, dy, w, h, then 6 × (kx, ky)), in input pixels
     * @param anchors anchor centres ({@link Anchors#centres})
     */
    static List<Candidate> decode(float[] scores, float[] boxes, float[] anchors, int inputSize, double threshold,
                                  SquareView view) {
        List<Candidate> out = new ArrayList<>();
        int n = scores.length;
        for (int i = 0; i < n; i++) {
            double raw = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, scores[i]));
            double score = 1 / (1 + Math.exp(-raw));
            if (!(score > threshold)) {
                continue;
            }
            double ax = anchors[2 * i];
            double ay = anchors[2 * i + 1];
            int b = i * Candidate.VALUES;
            double cx = ax + boxes[b] / (double) inputSize;
            double cy = ay + boxes[b + 1] / (double) inputSize;
            double w = boxes[b + 2] / (double) inputSize;
            double h = boxes[b + 3] / (double) inputSize;
            double[] v = new double[Candidate.VALUES];
            v[0] = cx - w / 2;
            v[1] = cy - h / 2;
            v[2] = cx + w / 2;
            v[3] = cy + h / 2;
            for (int k = 0; k < 6; k++) {
                v[4 + 2 * k] = ax + boxes[b + 4 + 2 * k] / (double) inputSize;
                v[5 + 2 * k] = ay + boxes[b + 5 + 2 * k] / (double) inputSize;
            }
            for (int k = 0; k < Candidate.VALUES; k++) {
                v[k] = (k % 2 == 0 ? view.x0() : view.y0()) + v[k] * view.side();
            }
            out.add(new Candidate(score, v));
        }
        return out;
    }

    /**
     * MediaPipe's weighted non-maximum suppression: take the best remaining candidate, gather every
     * remaining candidate overlapping it by more than {@code iouThreshold} (itself included), and emit
     * their score-weighted mean box and keypoints with the best one's score; repeat on the rest.
     * Averaging instead of discarding steadies the box, which matters for a crop taken from it.
     */
    static List<Candidate> weightedNms(List<Candidate> candidates, double iouThreshold) {
        List<Candidate> rest = new ArrayList<>(candidates);
        rest.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> out = new ArrayList<>();
        while (!rest.isEmpty()) {
            Candidate best = rest.get(0);
            double[] acc = new double[Candidate.VALUES];
            double total = 0;
            List<Candidate> keep = new ArrayList<>();
            for (Candidate c : rest) {
                if (c == best || c.iou(best) > iouThreshold) {
                    for (int k = 0; k < Candidate.VALUES; k++) {
                        acc[k] += c.v()[k] * c.score();
                    }
                    total += c.score();
                } else {
                    keep.add(c);
                }
            }
            for (int k = 0; k < Candidate.VALUES; k++) {
                acc[k] /= total;
            }
            out.add(new Candidate(best.score(), acc));
            rest = keep;
        }
        return out;
    }
}
