package org.fer4j.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.fer4j.data.Dataset;
import org.fer4j.data.FaceStore;
import org.fer4j.evaluation.DisentanglementProbes;
import org.fer4j.evaluation.ProbeScores;
import org.fer4j.models.FerModel;
import org.fer4j.runs.EpochProbes;

/**
 * The disentanglement curve ({@code --probe-every}): at the chosen epochs, fresh linear probes read the
 * network's representations on the fold's validation part, which holds training subjects the network
 * never trains on. The part is split by subject into two halves (drawn by seed and fold, the same at every epoch, so that a change along the curve is the model's and not the split's); the
 * expression probes are fitted on one half and scored on the other, so they are subject-independent, and
 * the identity probes use per-subject halves of the scored half ({@link DisentanglementProbes#run}). The
 * probes run in inference mode and draw from their own seeds, so training is the same with or without them.
 */
final class ProbeCurve {
    /** Subjects each half needs: an identity probe needs at least two. */
    static final int SUBJECTS_PER_HALF = 2;

    private final FaceStore store;
    private final int[] validation;
    private final List<String> subjects;
    private final long seed;
    private final int fold;

    private ProbeCurve(FaceStore store, int[] validation, List<String> subjects, long seed, int fold) {
        this.store = store;
        this.validation = validation;
        this.subjects = subjects;
        this.seed = seed;
        this.fold = fold;
    }

    /**
     * @throws IllegalArgumentException when there is no validation part, fewer than two subjects per half,
     *                                  or a validation subject is also a training subject
     */
    static ProbeCurve of(TrainConfig config, FaceStore store, int[] train, int[] validation, int fold) {
        int every = config.probeEvery();
        if (validation.length == 0) {
            throw new IllegalArgumentException("--probe-every " + every + " needs a validation part (held-out training"
                    + " subjects, never the test part), fold " + fold + " has none; set --val-fraction above 0");
        }
        Set<String> trainSubjects = new HashSet<>();
        for (int i : train) {
            trainSubjects.add(Dataset.subjectOf(store.sample(i)));
        }
        TreeSet<String> subjects = new TreeSet<>(); // sorted: the listing order must not matter
        for (int i : validation) {
            String s = Dataset.subjectOf(store.sample(i));
            if (trainSubjects.contains(s)) {
                throw new IllegalArgumentException("--probe-every " + every + ": validation subject " + s
                        + " is also a training subject; the probes need held-out subjects");
            }
            subjects.add(s);
        }
        if (subjects.size() < 2 * SUBJECTS_PER_HALF) {
            throw new IllegalArgumentException("--probe-every " + every + " needs a validation part of at least "
                    + 2 * SUBJECTS_PER_HALF + " subjects (" + SUBJECTS_PER_HALF + " per half), fold " + fold + " has "
                    + subjects.size() + "; raise --val-fraction or use --probe-every 0");
        }
        return new ProbeCurve(store, validation.clone(), List.copyOf(subjects), config.seed(), fold);
    }

    /** The validation part split by subject into a fitting and a scored half (the same for every {@code epoch}). */
    int[][] halves(int epoch) {
        List<String> shuffled = new ArrayList<>(subjects);
        Collections.shuffle(shuffled, new Random(TrainingLoop.mix(seed ^ 0x50B3C0L, 0, fold)));
        Set<String> first = new HashSet<>(shuffled.subList(0, shuffled.size() / 2));
        int[] a = Arrays.stream(validation).filter(i -> first.contains(Dataset.subjectOf(store.sample(i)))).toArray();
        int[] b = Arrays.stream(validation).filter(i -> !first.contains(Dataset.subjectOf(store.sample(i)))).toArray();
        return new int[][] {a, b};
    }

    /** The probes of {@code model} as it is after 0-based {@code epoch}. */
    EpochProbes measure(FerModel model, int epoch) {
        int[][] h = halves(epoch);
        ProbeScores p = DisentanglementProbes.run(model, store, h[0], h[1], TrainingLoop.mix(seed, 0, fold));
        Map<String, Double> chance = new LinkedHashMap<>();
        chance.put("expression", p.expressionChance());
        if (p.subjectChance() != null && !p.subject().isEmpty()) {
            chance.put("subject", p.subjectChance());
        }
        return new EpochProbes(p.expression(), p.subject(), chance);
    }
}
