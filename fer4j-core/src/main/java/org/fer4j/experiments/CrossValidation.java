package org.fer4j.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.data.DatasetNormalisation;
import org.fer4j.data.FaceStore;
import org.fer4j.evaluation.DisentanglementProbes;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.MeanStd;
import org.fer4j.evaluation.ProbeScores;
import org.fer4j.models.ModelSpec;
import org.fer4j.training.Reconstructions;
import org.fer4j.runs.RunLog;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingListener;
import org.fer4j.training.TrainingLoop;
import org.fer4j.training.listeners.TrainingListeners;

/**
 * Runs one variant over subject-independent folds and summarises accuracy as mean ± std, the papers'
 * protocol. Each fold trains a fresh model with the same seed, so variants compared on the same folds
 * differ only in the method. After each fold the adversarial model (and any model when asked) is
 * probed for disentanglement ({@code fold-K/probes.json}); with β1 &gt; 0 a few reconstructions are drawn.
 */
public final class CrossValidation {

    /** Per-fold results and their summary; {@code probes} is empty where no probes ran. */
    public record Outcome(String variant, List<EvaluationResult> folds, MeanStd accuracy, MeanStd macroF1,
                          double seconds, List<ProbeScores> probes) {
        public Outcome {
            probes = List.copyOf(probes);
        }
    }

    /** Pairs drawn per fold when the decoder is trained. */
    static final int RECONSTRUCTIONS = 8;

    private CrossValidation() {
    }

    /**
     * @param extra  listeners added to each fold's standard ones (a progress bar, say)
     * @param dumps  write fold 0's features and thumbnails for the report's figures
     * @param probe  fit the disentanglement probes after each fold (always done where the model asks for it)
     * With {@code train.normalisation()} DATASET each fold's model is standardised by the mean and std of
     * its own training targets (the test subjects never shape the input scale), recorded in its model.json.
     */
    public static Outcome run(String variantName, FaceStore allFaces, ModelSpec modelSpec, TrainConfig train,
                              SelfPacedConfig spl, List<FoldSubjects> folds, RunLog log, Map<String, String> trainedOn,
                              List<TrainingListener> extra,
                              boolean dumps, boolean resume, boolean probe, PrintStream out) throws IOException {
        return run(variantName, allFaces, modelSpec, train, spl, folds, log, trainedOn, extra, dumps, resume, probe,
                false, out);
    }

    /**
     * As {@link #run(String, FaceStore, ModelSpec, TrainConfig, SelfPacedConfig, List, RunLog, Map, List, boolean,
     * boolean, boolean, PrintStream)}, and with {@code inlp} the probes also report the INLP reference on
     * z_n ({@link DisentanglementProbes#Z_N_INLP}) where the network has one.
     */
    public static Outcome run(String variantName, FaceStore allFaces, ModelSpec modelSpec, TrainConfig train,
                              SelfPacedConfig spl, List<FoldSubjects> folds, RunLog log, Map<String, String> trainedOn,
                              List<TrainingListener> extra, boolean dumps, boolean resume, boolean probe, boolean inlp,
                              PrintStream out) throws IOException {
        long start = System.nanoTime();
        List<EvaluationResult> results = new ArrayList<>();
        List<ProbeScores> probes = new ArrayList<>();
        boolean reconstruct = modelSpec.kind().definition().reconstructs(modelSpec);
        for (FoldSubjects fold : folds) {
            int[] tr = FoldSubjects.indices(allFaces, fold.train());
            int[] va = FoldSubjects.indices(allFaces, fold.validation());
            int[] te = FoldSubjects.indices(allFaces, fold.test());
            // The training fold's own input statistics where asked for: fitted here, recorded in the model.
            FaceStore store = train.normalisation() == TrainConfig.Normalisation.DATASET
                    ? DatasetNormalisation.view(allFaces, DatasetNormalisation.fit(allFaces, tr)) : allFaces;
            ModelSpec spec = modelSpec.withPreprocessing(store.preprocessing());
            List<TrainingListener> listeners = TrainingListeners.standard(log, store, train, fold.index(),
                    dumps && fold.index() == 0, trainedOn);
            listeners.addAll(extra);
            TrainingLoop loop = new TrainingLoop(spec, train, spl, store, log,
                    TrainingLoop.Options.of(fold.index()).withResume(resume), listeners);
            try (TrainingLoop.Result r = loop.fit(tr, va, te)) {
                results.add(r.test());
                if (out != null) {
                    out.printf(Locale.ROOT, "%s fold %d: accuracy %.4f (train %d, val %d, test %d, %.0f s)%n",
                            variantName, fold.index(), r.test().accuracy(), tr.length, va.length, te.length, r.seconds());
                }
                if (probe || spec.kind().definition().probedByDefault()) {
                    ProbeScores p = DisentanglementProbes.run(r.model(), store, tr, te, train.seed() + fold.index(),
                            inlp);
                    log.writeJson(log.foldDir(fold.index()).resolve(RunLog.PROBES), p);
                    probes.add(p);
                    if (out != null) {
                        out.println(variantName + " fold " + fold.index() + " probes: " + describe(p));
                    }
                }
                if (reconstruct) {
                    Reconstructions.write(log.dir().resolve(RunLog.RECONSTRUCTIONS), fold.index(), r.model(), store, te,
                            RECONSTRUCTIONS);
                }
            }
        }
        return summarise(variantName, results, probes, (System.nanoTime() - start) / 1e9, log);
    }

    /**
     * A variant's outcome from its folds' results, written to the run folder's {@code results.json}: what
     * {@link #run} does after its last fold, and what a run whose folds were trained elsewhere (on a
     * cluster) does once it has gathered them.
     */
    public static Outcome summarise(String variantName, List<EvaluationResult> results, List<ProbeScores> probes,
                                    double seconds, RunLog log) throws IOException {
        MeanStd acc = MeanStd.of(results.stream().map(EvaluationResult::accuracy).toList());
        MeanStd f1 = MeanStd.of(results.stream().map(EvaluationResult::macroF1).toList());
        Outcome outcome = new Outcome(variantName, results, acc, f1, seconds, probes);
        Map<String, Object> summary = RunLog.record("variant", variantName,
                "accuracy_mean", acc.mean(), "accuracy_std", acc.std(), "macro_f1_mean", f1.mean(),
                "macro_f1_std", f1.std(), "fold_accuracy", results.stream().map(EvaluationResult::accuracy).toList(),
                "seconds", outcome.seconds());
        if (!probes.isEmpty()) {
            summary.put("probes", probeSummary(probes));
        }
        log.writeJson(RunLog.RESULTS, summary);
        return outcome;
    }

    /**
     * Mean probe scores over folds: {@code {"expression": {"z_e": …}, "subject": {…}, "chance": {…}}}; where
     * the INLP reference ran also {@code "inlp_rank"} and, with a trained decoder,
     * {@code "reconstruction": {"z_n": mse, "z_n_inlp": mse}}.
     */
    public static Map<String, Object> probeSummary(List<ProbeScores> probes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String target : List.of("expression", "subject")) {
            Map<String, Double> byRep = new LinkedHashMap<>();
            for (String rep : probes.get(0).expression().keySet()) {
                MeanStd s = ProbeScores.summarise(probes, target, rep);
                if (s.n() > 0) {
                    byRep.put(rep, s.mean());
                }
            }
            m.put(target, byRep);
        }
        Map<String, Double> chance = new LinkedHashMap<>();
        for (String target : List.of("expression", "subject")) {
            MeanStd c = ProbeScores.chance(probes, target);
            if (c.n() > 0) {
                chance.put(target, c.mean());
            }
        }
        m.put("chance", chance);
        MeanStd rank = ProbeScores.summarise(probes, ProbeScores::inlpRank);
        if (rank.n() > 0) {
            m.put("inlp_rank", rank.mean());
        }
        MeanStd rec = ProbeScores.summarise(probes, ProbeScores::reconstruction);
        if (rec.n() > 0) {
            Map<String, Double> r = new LinkedHashMap<>();
            r.put("z_n", rec.mean());
            r.put(DisentanglementProbes.Z_N_INLP, ProbeScores.summarise(probes, ProbeScores::reconstructionInlp).mean());
            m.put("reconstruction", r);
        }
        return m;
    }

    private static String describe(ProbeScores p) {
        StringBuilder sb = new StringBuilder();
        p.expression().forEach((r, v) -> sb.append(String.format(Locale.ROOT, "expression|%s %.3f  ", r, v)));
        p.subject().forEach((r, v) -> sb.append(String.format(Locale.ROOT, "subject|%s %.3f  ", r, v)));
        sb.append(String.format(Locale.ROOT, "(chance: expression %.3f", p.expressionChance()));
        if (p.subjectChance() != null) {
            sb.append(String.format(Locale.ROOT, ", subject %.3f over %d subjects", p.subjectChance(), p.subjects()));
        }
        sb.append(')');
        if (p.inlpRank() != null) {
            sb.append(String.format(Locale.ROOT, "; INLP removed %d direction(s) from z_n", p.inlpRank()));
        }
        if (p.reconstruction() != null) {
            sb.append(String.format(Locale.ROOT, ", reconstruction MSE %.4f -> %.4f", p.reconstruction(),
                    p.reconstructionInlp()));
        }
        return sb.toString();
    }
}
