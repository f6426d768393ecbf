package org.fer4j.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the disentanglement probes of one fold measured: for each representation (z_e, z_n, or a
 * non-adversarial model's features), the test accuracy of a linear probe for the expression and for the
 * subject's identity, beside the chance levels (share of the most frequent class in the scored part).
 * Written as {@code fold-K/probes.json}.
 *
 * @param expression          representation → expression probe accuracy on the test part
 * @param subject             representation → identity probe accuracy; empty where subjects are unknown
 * @param expressionChance    majority-class share of the test part
 * @param subjectChance       majority-subject share of the identity probe's scored half, or null
 * @param expressionFit       samples the expression probes were fitted on (the fold's training part)
 * @param expressionScored    samples they were scored on (the fold's test part)
 * @param subjects            subjects in the identity probes (test subjects with at least two images)
 * @param subjectFit          images the identity probes were fitted on
 * @param subjectScored       images they were scored on (disjoint from {@code subjectFit})
 * @param inlpRank            directions the INLP reference ({@link NullspaceProjection}) removed from z_n
 *                            (its probes are under {@link DisentanglementProbes#Z_N_INLP}); null where it did not run
 * @param inlpHeldOut         its held-out expression accuracy before each removal (the curve); null where it did not run
 * @param reconstruction      the decoder's mean squared error on the test part from [z_e, z_n]; null without a
 *                            trained decoder or without INLP
 * @param reconstructionInlp  the same from [z_e, projected z_n]: what the linear removal costs the decoder
 */
public record ProbeScores(Map<String, Double> expression, Map<String, Double> subject, double expressionChance,
                          Double subjectChance, int expressionFit, int expressionScored, int subjects, int subjectFit,
                          int subjectScored, Integer inlpRank, List<Double> inlpHeldOut, Double reconstruction,
                          Double reconstructionInlp) {
    public ProbeScores {
        expression = Collections.unmodifiableMap(new LinkedHashMap<>(expression));
        subject = Collections.unmodifiableMap(new LinkedHashMap<>(subject));
        inlpHeldOut = inlpHeldOut == null ? null : List.copyOf(inlpHeldOut);
        if ((reconstruction == null) != (reconstructionInlp == null)) {
            throw new IllegalArgumentException("probe scores need both reconstruction errors or neither");
        }
    }

    /** Mean ± std over folds of one score ({@code "expression"} or {@code "subject"}) of one representation. */
    public static MeanStd summarise(List<ProbeScores> folds, String target, String representation) {
        return MeanStd.of(folds.stream().filter(Objects::nonNull)
                .map(p -> ("subject".equals(target) ? p.subject() : p.expression()).get(representation))
                .filter(Objects::nonNull).toList());
    }

    /** Mean ± std over folds of a nullable number of each fold's scores (the INLP rank, a reconstruction error). */
    public static MeanStd summarise(List<ProbeScores> folds, java.util.function.Function<ProbeScores, ? extends Number> number) {
        return MeanStd.of(folds.stream().filter(Objects::nonNull).map(number).filter(Objects::nonNull)
                .map(Number::doubleValue).toList());
    }

    /** Mean chance level over folds of {@code "expression"} or {@code "subject"}. */
    public static MeanStd chance(List<ProbeScores> folds, String target) {
        return MeanStd.of(folds.stream().filter(Objects::nonNull)
                .map(p -> "subject".equals(target) ? p.subjectChance() : (Double) p.expressionChance())
                .filter(Objects::nonNull).toList());
    }
}
