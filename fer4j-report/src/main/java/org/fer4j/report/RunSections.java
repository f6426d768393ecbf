package org.fer4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.MeanStd;
import org.fer4j.report.Html.SectionBuilder;
import org.fer4j.runs.EpochRecord;
import org.fer4j.runs.PaceRecord;
import org.fer4j.runs.RunLog;

/**
 * The report's sections for one run folder, each drawn from the recorded files it needs and marked
 * absent (with the missing file named) when they are not there.
 */
final class RunSections {
    static final String PROVENANCE = "provenance";
    static final String METRICS = "metrics";
    static final String CONFUSION = "confusion";
    static final String PACE_ACCURACY = "pace-accuracy";
    static final String LOSS = "loss";
    static final String TSNE = "tsne";
    static final String THUMBNAILS = RunLog.THUMBNAILS;
    static final String ADVERSARIAL = "adversarial";

    static final String T_PROVENANCE = "1. Configuration, versions, data and folds";
    static final String T_METRICS = "2. Accuracy, macro-F1 and per-class recall";
    static final String T_CONFUSION = "3. Confusion matrix (Fig. 4)";
    static final String T_PACE = "4. Test accuracy per self-paced pace (Fig. 5)";
    static final String T_LOSS = "5. Training loss per epoch (Fig. 6)";
    static final String T_TSNE = "6. t-SNE of the features (Fig. 7)";
    static final String T_THUMBS = "7. Excluded samples per pace (Fig. 8) and most confident mistakes";
    static final String T_ADV = "8. Adversarial model: probes and reconstructions";


    private RunSections() {
    }

    /** All eight sections of a single-run report. */
    static List<Html.Section> all(RunFolder run, ReportOptions options) {
        return List.of(provenance(run), metrics(run), confusion(run), paceAccuracy(run), loss(run),
                SampleSections.tsne(PREFIX_NONE, run, options), SampleSections.thumbnails(PREFIX_NONE, run),
                SampleSections.adversarial(PREFIX_NONE, run));
    }

    static final String PREFIX_NONE = "";

    // ---------------------------------------------------------------- 1. provenance

    static Html.Section provenance(RunFolder run) {
        SectionBuilder s = new SectionBuilder(PROVENANCE, PROVENANCE, null, T_PROVENANCE);
        if (run.config().present()) {
            JsonNode c = run.config().value();
            s.add("<h3>Configuration</h3>\n" + Html.keyValues("config", configRows(c)));
            if (c.has("versions")) {
                s.add("<h3>Versions</h3>\n" + Html.keyValues("versions", flatten(c.get("versions"), "")));
            }
            if (c.has("dataset")) {
                s.add("<h3>Dataset</h3>\n" + Html.keyValues("dataset", flatten(c.get("dataset"), "")));
            }
        } else {
            s.absent(run.config().absent() + ": configuration, seed, versions and dataset summary are not recorded");
        }
        double sec = run.seconds();
        if (!Double.isNaN(sec)) {
            s.add("<p class=\"note wall-time\" data-value=\"" + sec + "\">Wall time: " + duration(sec)
                    + (run.results().present() ? "" : " (sum of the recorded epoch times)") + "</p>\n");
        }
        folds(s, run.folds(), run.config(), run.evals());
        if (!run.problems().isEmpty()) {
            s.note("Unreadable files: " + String.join("; ", run.problems()));
        }
        return s.build();
    }

    /** The fold table: subjects per part and samples per class per part. */
    static void folds(SectionBuilder s, Recorded<JsonNode> folds, Recorded<JsonNode> config,
                      SortedMap<Integer, EvaluationResult> evals) {
        if (!folds.present() || !folds.value().isArray()) {
            s.absent(folds.present() ? "folds.json is not a list of folds" : folds.absent() + ": fold summary");
            return;
        }
        JsonNode samples = config.present() ? config.value().path("fold_samples") : null;
        StringBuilder t = new StringBuilder("<h3>Subject-independent folds</h3>\n<table class=\"folds\">\n");
        t.append(Html.headerRow(List.of("fold", "train subjects", "validation subjects", "test subjects",
                "samples per class (train / validation / test)")));
        for (JsonNode f : folds.value()) {
            int idx = f.path("index").asInt();
            t.append("<tr data-fold=\"").append(idx).append("\">").append(Html.td(Integer.toString(idx)))
                    .append(Html.num("train-subjects", f.path("train").size(), Integer.toString(f.path("train").size())))
                    .append(Html.num("validation-subjects", f.path("validation").size(),
                            Integer.toString(f.path("validation").size())))
                    .append(Html.td(f.path("test").size() + ": " + abbreviate(names(f.path("test")), 12)))
                    .append(Html.td(perClass(samples, idx, evals.get(idx)))).append("</tr>\n");
        }
        s.add(t.append("</table>\n").toString());
        if (samples == null || !samples.isArray()) {
            s.note("Training and validation samples per class are not recorded in this run's config.json; the"
                    + " test counts come from fold-K/eval.json.");
        }
    }

    private static String perClass(JsonNode samples, int fold, EvaluationResult eval) {
        if (samples != null && samples.isArray()) {
            for (JsonNode f : samples) {
                if (f.path("fold").asInt(-1) == fold) {
                    List<String> parts = new ArrayList<>();
                    for (String part : List.of("train", "validation", "test")) {
                        parts.add(part + " " + counts(f.path(part)));
                    }
                    return String.join(" | ", parts);
                }
            }
        }
        if (eval != null) {
            List<String> c = new ArrayList<>();
            for (int i = 0; i < eval.labels().size(); i++) {
                long n = 0;
                for (long v : eval.confusion()[i]) {
                    n += v;
                }
                c.add(eval.labels().get(i) + " " + n);
            }
            return "test " + String.join(", ", c);
        }
        return "–";
    }

    private static String counts(JsonNode perClass) {
        List<String> c = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, JsonNode> e : RunFolder.fields(perClass)) {
            c.add(e.getKey() + " " + e.getValue().asLong());
            total += e.getValue().asLong();
        }
        return total + " (" + String.join(", ", c) + ")";
    }

    /** Configuration rows, leaving versions and dataset to their own tables. */
    static Map<String, String> configRows(JsonNode c) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : RunFolder.fields(c)) {
            String k = e.getKey();
            if (k.equals("versions") || k.equals("dataset") || k.equals("fold_samples")) {
                continue;
            }
            if (k.equals("model") && e.getValue().has("labels")) {
                rows.put("model.classes", String.join(", ", names(e.getValue().path("labels").path("classes")))
                        .toLowerCase(Locale.ROOT));
            }
            rows.putAll(flatten(e.getValue(), k));
        }
        rows.remove("model.labels.classes");
        return rows;
    }

    /** Nested objects as dotted keys; arrays of scalars joined. */
    static Map<String, String> flatten(JsonNode n, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : RunFolder.fields(n)) {
                out.putAll(flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey()));
            }
        } else if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
            out.put(prefix, String.join(", ", items));
        } else {
            out.put(prefix, n.asText());
        }
        return out;
    }

    // ---------------------------------------------------------------- 2. metrics

    static Html.Section metrics(RunFolder run) {
        SectionBuilder s = new SectionBuilder(METRICS, METRICS, null, T_METRICS);
        if (run.evals().isEmpty()) {
            s.absent("fold-K/eval.json not found: per-fold accuracy, macro-F1 and per-class recall");
            if (run.results().present()) {
                s.add("<p class=\"summary\">From results.json: accuracy <span class=\"accuracy\">"
                        + run.accuracy().percent() + "</span> %, macro-F1 <span class=\"macro-f1\">"
                        + run.macroF1().percent() + "</span> %</p>\n");
            }
            return s.build();
        }
        List<String> labels = run.evals().values().iterator().next().labels();
        List<String> head = new ArrayList<>(List.of("fold", "test samples", "accuracy (%)", "macro-F1 (%)"));
        labels.forEach(l -> head.add("recall " + l + " (%)"));
        StringBuilder t = new StringBuilder("<table class=\"metrics\">\n").append(Html.headerRow(head));
        for (Map.Entry<Integer, EvaluationResult> e : run.evals().entrySet()) {
            EvaluationResult r = e.getValue();
            t.append("<tr class=\"fold\" data-fold=\"").append(e.getKey()).append("\">").append(Html.td("fold " + e.getKey()))
                    .append(Html.num("samples", r.samples(), Long.toString(r.samples())))
                    .append(Html.num("accuracy", r.accuracy(), Html.pct(r.accuracy())))
                    .append(Html.num("macro-f1", r.macroF1(), Html.pct(r.macroF1())));
            for (int i = 0; i < labels.size(); i++) {
                double v = i < r.perClassRecall().length ? r.perClassRecall()[i] : Double.NaN;
                t.append(Html.num("recall", v, Html.pct(v)));
            }
            t.append("</tr>\n");
        }
        MeanStd acc = run.accuracy();
        MeanStd f1 = run.macroF1();
        t.append("<tr class=\"summary\">").append(Html.td("mean ± std (" + acc.n() + " folds)"))
                .append(Html.num("samples", run.evals().values().stream().mapToLong(EvaluationResult::samples).sum(),
                        Long.toString(run.evals().values().stream().mapToLong(EvaluationResult::samples).sum())))
                .append(Html.num("accuracy", acc.mean(), acc.percent()))
                .append(Html.num("macro-f1", f1.mean(), f1.percent()));
        for (MeanStd r : recallMeans(run)) {
            t.append(Html.num("recall", r.mean(), r.n() == 0 ? "–" : r.percent()));
        }
        t.append("</tr>\n</table>\n");
        s.add(t.toString());
        s.note("Recall is per true class; mean ± std is over folds (sample standard deviation), as the papers report"
                + " cross-validation. A class absent from a fold's test subjects is left out of that class's mean.");
        return s.build();
    }

    /** Per-class recall mean ± std over folds, skipping folds where the class has no test sample. */
    static List<MeanStd> recallMeans(RunFolder run) {
        List<MeanStd> out = new ArrayList<>();
        if (run.evals().isEmpty()) {
            return out;
        }
        int k = run.evals().values().iterator().next().labels().size();
        for (int i = 0; i < k; i++) {
            List<Double> v = new ArrayList<>();
            for (EvaluationResult r : run.evals().values()) {
                if (i < r.perClassRecall().length && !Double.isNaN(r.perClassRecall()[i])) {
                    v.add(r.perClassRecall()[i]);
                }
            }
            out.add(MeanStd.of(v));
        }
        return out;
    }

    // ---------------------------------------------------------------- 3. confusion

    static Html.Section confusion(RunFolder run) {
        SectionBuilder s = new SectionBuilder(CONFUSION, CONFUSION, null, T_CONFUSION);
        EvaluationResult pooled = run.pooled();
        if (pooled == null) {
            s.absent(run.evals().isEmpty() ? "fold-K/eval.json not found" : "the folds' eval.json files name different classes");
            return s.build();
        }
        s.add(confusionFigure(pooled, "Confusion, " + run.evals().size() + " fold(s) pooled (% of true class)"));
        s.add(confusionTable(pooled));
        s.note("Rows are the true class, columns the predicted class; each cell is normalised by its row (the share of"
                + " that class's test samples) with the count below; the folds' test sets are pooled.");
        return s.build();
    }

    static String confusionFigure(EvaluationResult r, String title) {
        return Html.img(Charts.confusion(r.labels(), rowNormalised(r), title), title, "chart confusion-heatmap") + "\n";
    }

    static double[][] rowNormalised(EvaluationResult r) {
        int k = r.labels().size();
        double[][] n = new double[k][k];
        for (int i = 0; i < k; i++) {
            long row = 0;
            for (long c : r.confusion()[i]) {
                row += c;
            }
            for (int j = 0; j < k; j++) {
                n[i][j] = row == 0 ? Double.NaN : (double) r.confusion()[i][j] / row;
            }
        }
        return n;
    }

    /** The matrix as an HTML heat map: cell colour by row share, with the share and the count. */
    static String confusionTable(EvaluationResult r) {
        double[][] n = rowNormalised(r);
        List<String> head = new ArrayList<>(List.of("true \\ predicted"));
        head.addAll(r.labels());
        head.add("n");
        StringBuilder t = new StringBuilder("<table class=\"confusion\">\n").append(Html.headerRow(head));
        for (int i = 0; i < r.labels().size(); i++) {
            long row = 0;
            for (long c : r.confusion()[i]) {
                row += c;
            }
            t.append("<tr data-true=\"").append(Html.attr(r.labels().get(i))).append("\">").append(Html.td(r.labels().get(i)));
            for (int j = 0; j < r.labels().size(); j++) {
                double v = n[i][j];
                double shade = Double.isNaN(v) ? 0 : v;
                int level = (int) Math.round(255 - 200 * shade);
                String fg = shade > 0.55 ? "#fff" : "#111";
                t.append("<td class=\"cell\" data-count=\"").append(r.confusion()[i][j]).append("\" data-share=\"")
                        .append(Double.isNaN(v) ? "NaN" : Double.toString(v)).append("\" style=\"background: rgb(")
                        .append(level).append(',').append(Math.min(255, level + 20)).append(",255); color: ").append(fg)
                        .append("\">").append(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * v))
                        .append(" <span class=\"count\">").append(r.confusion()[i][j]).append("</span></td>");
            }
            t.append(Html.num("n", row, Long.toString(row))).append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    // ---------------------------------------------------------------- 4. pace accuracy

    static Html.Section paceAccuracy(RunFolder run) {
        SectionBuilder s = new SectionBuilder(PACE_ACCURACY, PACE_ACCURACY, null, T_PACE);
        if (Boolean.FALSE.equals(run.selfPaced())) {
            s.absent("this run did not use self-paced learning, so it has no paces (the ablation and"
                    + " `fer4j report RUN RUN…` overlay runs with and without NDF)");
            return s.build();
        }
        SortedMap<Integer, Double> acc = paceAccuracies(run);
        if (acc.isEmpty()) {
            s.absent(run.metrics().present() || run.spl().present()
                    ? "no test accuracy was recorded at a pace end (metrics.jsonl, spl.jsonl)"
                    : "metrics.jsonl and spl.jsonl not found");
            return s.build();
        }
        s.add(Html.img(Charts.paceAccuracy(List.of(paceLine(run.name(), acc))), "test accuracy per pace", "chart pace-chart") + "\n");
        s.add(paceTable(run, acc));
        s.note("Pace 0 is the warm-up on all samples before the first ranking. Test accuracy is measured at the end of"
                + " each pace and averaged over folds. With and without NDF side by side: the ablation report or"
                + " `fer4j report RUN_A RUN_B`.");
        return s.build();
    }

    static Charts.Line paceLine(String name, SortedMap<Integer, Double> acc) {
        return new Charts.Line(name, acc.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                acc.values().stream().mapToDouble(v -> 100 * v).toArray());
    }

    /** Mean test accuracy over folds at each pace end: metrics.jsonl (includes the warm-up), else spl.jsonl. */
    static SortedMap<Integer, Double> paceAccuracies(RunFolder run) {
        Map<Integer, List<Double>> by = new TreeMap<>();
        if (run.metrics().present()) {
            for (EpochRecord m : run.metrics().value()) {
                if (m.testAccuracy() != null) {
                    by.computeIfAbsent(m.pace(), p -> new ArrayList<>()).add(m.testAccuracy());
                }
            }
        }
        if (by.isEmpty() && run.spl().present()) {
            for (PaceRecord m : run.spl().value()) {
                if (m.testAccuracy() != null) {
                    by.computeIfAbsent(m.pace(), p -> new ArrayList<>()).add(m.testAccuracy());
                }
            }
        }
        SortedMap<Integer, Double> out = new TreeMap<>();
        by.forEach((p, v) -> out.put(p, MeanStd.of(v).mean()));
        return out;
    }

    private static String paceTable(RunFolder run, SortedMap<Integer, Double> acc) {
        Map<Integer, List<PaceRecord>> spl = new TreeMap<>();
        if (run.spl().present()) {
            for (PaceRecord p : run.spl().value()) {
                spl.computeIfAbsent(p.pace(), k -> new ArrayList<>()).add(p);
            }
        }
        StringBuilder t = new StringBuilder("<table class=\"paces\">\n").append(Html.headerRow(List.of("pace",
                "share admitted q_p", "admitted (mean over folds)", "excluded (mean over folds)", "test accuracy (%)")));
        for (Map.Entry<Integer, Double> e : acc.entrySet()) {
            List<PaceRecord> lines = spl.getOrDefault(e.getKey(), List.of());
            double q = lines.isEmpty() ? Double.NaN : lines.get(0).fraction();
            double admitted = lines.stream().mapToDouble(PaceRecord::admitted).average().orElse(Double.NaN);
            double excluded = lines.stream().mapToDouble(l -> l.excludedIds().size()).average().orElse(Double.NaN);
            t.append("<tr data-pace=\"").append(e.getKey()).append("\">")
                    .append(Html.td(e.getKey() == 0 ? "0 (warm-up)" : Integer.toString(e.getKey())))
                    .append(Html.num("fraction", q, Double.isNaN(q) ? (e.getKey() == 0 ? "1 (all)" : "–")
                            : String.format(Locale.ROOT, "%.2f", q)))
                    .append(Html.num("admitted", admitted, Double.isNaN(admitted) ? "–" : fmt(admitted)))
                    .append(Html.num("excluded", excluded, Double.isNaN(excluded) ? "–" : fmt(excluded)))
                    .append(Html.num("test-accuracy", e.getValue(), Html.pct(e.getValue()))).append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    // ---------------------------------------------------------------- 5. loss

    static Html.Section loss(RunFolder run) {
        SectionBuilder s = new SectionBuilder(LOSS, LOSS, null, T_LOSS);
        if (!run.metrics().present() || run.metrics().value().isEmpty()) {
            s.absent(run.metrics().present() ? "metrics.jsonl holds no epoch" : run.metrics().absent());
            return s.build();
        }
        SortedMap<Integer, List<EpochRecord>> byFold = byFold(run.metrics().value());
        List<Charts.Line> lines = new ArrayList<>();
        byFold.forEach((fold, epochs) -> lines.add(lossLine("fold " + fold, epochs, "loss")));
        List<EpochRecord> first = byFold.get(byFold.firstKey());
        Set<String> named = new LinkedHashSet<>();
        first.forEach(e -> named.addAll(e.losses().keySet()));
        named.remove("loss");
        for (String term : named) {
            lines.add(lossLine("fold " + byFold.firstKey() + ": " + term, first, term));
        }
        s.add(Html.img(Charts.loss(lines, paceStarts(first)), "training loss per epoch", "chart loss-chart") + "\n");
        SortedMap<Integer, Map<String, Double>> probes = probeCurve(run.metrics().value());
        if (!probes.isEmpty()) {
            s.add(disentanglementCurve(probes, byFold.size()));
        }
        StringBuilder t = new StringBuilder("<table class=\"epochs\">\n").append(Html.headerRow(List.of("epoch", "pace",
                "admitted", "loss", "train accuracy (%)", "validation accuracy (%)", "seconds")));
        for (EpochRecord e : first) {
            double val = e.valAccuracy() == null ? Double.NaN : e.valAccuracy();
            t.append("<tr>").append(Html.td(Integer.toString(e.epoch()))).append(Html.td(Integer.toString(e.pace())))
                    .append(Html.num("admitted", e.admitted(), Integer.toString(e.admitted())))
                    .append(Html.num("loss", e.loss(), String.format(Locale.ROOT, "%.4f", e.loss())))
                    .append(Html.num("train-accuracy", e.trainAccuracy(), Html.pct(e.trainAccuracy())))
                    .append(Html.num("val-accuracy", val, Html.pct(val)))
                    .append(Html.num("seconds", e.seconds(), String.format(Locale.ROOT, "%.1f", e.seconds())))
                    .append("</tr>\n");
        }
        s.add("<h3>Fold " + byFold.firstKey() + ", per epoch</h3>\n" + t.append("</table>\n"));
        s.note("The loss is the mean over the epoch's admitted training samples; it jumps when a pace admits harder"
                + " samples, then falls.");
        return s.build();
    }

    /**
     * The disentanglement curve ({@code --probe-every}): per probed epoch, the mean over folds of each
     * {@code expr|rep}, {@code id|rep} and {@code chance|expr}, {@code chance|id} score; empty without probes.
     */
    static SortedMap<Integer, Map<String, Double>> probeCurve(List<EpochRecord> records) {
        SortedMap<Integer, Map<String, List<Double>>> all = new TreeMap<>();
        for (EpochRecord e : records) {
            if (e.probes() == null) {
                continue;
            }
            Map<String, List<Double>> at = all.computeIfAbsent(e.epoch(), k -> new LinkedHashMap<>());
            e.probes().expression().forEach((r, v) -> at.computeIfAbsent("expr|" + r, k -> new ArrayList<>()).add(v));
            e.probes().subject().forEach((r, v) -> at.computeIfAbsent("id|" + r, k -> new ArrayList<>()).add(v));
            e.probes().chance().forEach((t, v) -> at.computeIfAbsent("chance|" + ("subject".equals(t) ? "id" : "expr"),
                    k -> new ArrayList<>()).add(v));
        }
        SortedMap<Integer, Map<String, Double>> out = new TreeMap<>();
        all.forEach((epoch, scores) -> {
            Map<String, Double> mean = new TreeMap<>();
            scores.forEach((k, v) -> mean.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
            out.put(epoch, mean);
        });
        return out;
    }

    private static String disentanglementCurve(SortedMap<Integer, Map<String, Double>> curve, int folds) {
        Set<String> keys = new java.util.TreeSet<>();
        curve.values().forEach(m -> keys.addAll(m.keySet()));
        List<Charts.Line> scores = new ArrayList<>();
        List<Charts.Line> chance = new ArrayList<>();
        for (String k : keys) {
            double[] x = curve.entrySet().stream().filter(e -> e.getValue().containsKey(k))
                    .mapToDouble(e -> e.getKey()).toArray();
            double[] y = curve.values().stream().filter(m -> m.containsKey(k)).mapToDouble(m -> 100 * m.get(k)).toArray();
            (k.startsWith("chance|") ? chance : scores).add(new Charts.Line(k, x, y));
        }
        StringBuilder b = new StringBuilder(Html.img(Charts.disentanglement(scores, chance, folds),
                "disentanglement curve: linear probe accuracy per epoch", "chart probe-chart")).append("\n");
        List<String> columns = new ArrayList<>(keys);
        List<String> head = new ArrayList<>(List.of("epoch"));
        columns.forEach(k -> head.add(k + " (%)"));
        b.append("<table class=\"probe-curve\">\n").append(Html.headerRow(head));
        curve.forEach((epoch, m) -> {
            b.append("<tr>").append(Html.td(Integer.toString(epoch)));
            for (String k : columns) {
                double v = m.getOrDefault(k, Double.NaN);
                b.append("<td class=\"num probe\" data-probe=\"").append(Html.attr(k)).append("\" data-value=\"")
                        .append(v).append("\">").append(Html.pct(v)).append("</td>");
            }
            b.append("</tr>\n");
        });
        b.append("</table>\n<p class=\"note\">The disentanglement curve: fresh linear probes read each representation"
                + " at the epochs --probe-every chose, on the validation part only (held-out training subjects, split by"
                + " subject into a fitting and a scored half); expr = expression, id = identity, dashed = chance levels"
                + (folds > 1 ? ", mean over the " + folds + " folds" : "") + ". Good disentangling keeps expr|z_n near"
                + " chance while expr|z_e rises.</p>\n");
        return b.toString();
    }

    static SortedMap<Integer, List<EpochRecord>> byFold(List<EpochRecord> lines) {
        SortedMap<Integer, List<EpochRecord>> out = new TreeMap<>();
        for (EpochRecord l : lines) {
            out.computeIfAbsent(l.fold(), f -> new ArrayList<>()).add(l);
        }
        out.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(EpochRecord::epoch)));
        return out;
    }

    static Charts.Line lossLine(String name, List<EpochRecord> epochs, String term) {
        double[] x = epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
        double[] y = epochs.stream().mapToDouble(e -> term.equals("loss") ? e.loss()
                : e.losses().getOrDefault(term, Double.NaN)).toArray();
        return new Charts.Line(name, x, y);
    }

    /** Half an epoch before each epoch whose pace differs from the previous one's. */
    static List<Double> paceStarts(List<EpochRecord> epochs) {
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i).pace() != epochs.get(i - 1).pace()) {
                out.add(epochs.get(i).epoch() - 0.5);
            }
        }
        return out;
    }

    /** The run's class names in model order, from whichever file records them. */
    static List<String> labels(RunFolder run) {
        if (!run.evals().isEmpty()) {
            return run.evals().values().iterator().next().labels();
        }
        if (run.config().present()) {
            List<String> l = names(run.config().value().path("model").path("labels").path("classes"));
            return l.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        }
        return List.of();
    }

    // ---------------------------------------------------------------- helpers

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String abbreviate(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + ", … (" + (items.size() - max) + " more)";
    }

    static String duration(double s) {
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.2f h", s / 3600);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

}
