package org.fer4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The training set of a <em>neutral ranker</em>: every pair of a dataset in both orders. The target against its
 * neutral face keeps its expression; the neutral face against the target is labelled {@code neutral}. A paired
 * (SPNDL) model trained on it answers, for two faces of one person, which of the two is the more neutral — with
 * the identity cancelled in the difference of their features, as in SPNDL itself — which is how a video finds a
 * person's own neutral frame ({@code fer4j video --neutral auto --neutral-model RANKER}) far more reliably than a
 * model that looks at one face at a time.
 */
public final class ReversedPairs {
    private ReversedPairs() {
    }

    /**
     * The pairs of {@code ds} in both orders, with the label set widened by {@code neutral}.
     *
     * @throws IllegalArgumentException if no sample has a neutral face, or the labels already hold {@code neutral}
     *                                  (the reversed pairs would be indistinguishable from neutral targets)
     */
    public static Dataset of(Dataset ds) {
        if (ds.labels().contains(Emotion.NEUTRAL)) {
            throw new IllegalArgumentException(ds.name() + ": its labels already hold 'neutral' (" + ds.labels().names()
                    + "); a neutral ranker is trained on expressive targets and their neutral faces");
        }
        List<Sample> samples = new ArrayList<>();
        for (Sample s : ds.samples()) {
            if (!s.hasNeutral()) {
                continue;
            }
            samples.add(s);
            samples.add(new Sample(s.id() + "_reversed", s.neutral(), Emotion.NEUTRAL, s.subject(), s.sequence(), s.split(),
                    s.image(), s.neutralBox(), s.box()));
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(ds.name() + ": no sample has a neutral face, so there is no pair to reverse");
        }
        List<Emotion> labels = new ArrayList<>();
        labels.add(Emotion.NEUTRAL);
        labels.addAll(ds.labels().classes());
        return new Dataset(ds.name() + "+reversed", new LabelSet(labels), samples, List.of());
    }
}
