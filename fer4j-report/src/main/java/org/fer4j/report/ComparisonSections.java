package org.fer4j.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.MeanStd;
import org.fer4j.evaluation.PairedComparison;
import org.fer4j.report.Html.SectionBuilder;
import org.fer4j.runs.EpochRecord;
import org.fer4j.runs.RunLog;

/**
 * The sections of a report over several runs: an ablation's variants (the paper's Table 4 layout) or
 * the runs named to {@code fer4j report A B …}, side by side, with the figures overlaid where the
 * papers overlay them (Fig. 5: with and without NDF) and one panel per run elsewhere.
 */
final class ComparisonSections {
    /** A run and the name it goes by in this report. */
    record Named(String name, RunFolder run) {
    }

    private ComparisonSections() {
    }

    static List<Html.Section> all(List<Named> runs, Recorded<JsonNode> sharedFolds, Map<String, String> header,
                                  Map<String, String> links, ReportOptions options) {
        List<Html.Section> out = new ArrayList<>();
        out.add(provenance(runs, sharedFolds, header, links));
        out.add(table4(runs));
        out.add(confusion(runs));
        out.add(paceAccuracy(runs));
        out.add(loss(runs));
        for (int i = 0; i < runs.size(); i++) {
            out.add(rename(SampleSections.tsne("run" + i + "-", runs.get(i).run(), options), runs.get(i).name()));
        }
        for (int i = 0; i < runs.size(); i++) {
            out.add(rename(SampleSections.thumbnails("run" + i + "-", runs.get(i).run()), runs.get(i).name()));
        }
        out.add(adversarial(runs));
        return out;
    }

    /** As {@link #all}, with an ablation's paired comparisons (ablation.json) after the Table 4 section. */
    static List<Html.Section> all(List<Named> runs, Recorded<JsonNode> sharedFolds, Map<String, String> header,
                                  Map<String, String> links, ReportOptions options, JsonNode comparisons) {
        List<Html.Section> out = all(runs, sharedFolds, header, links, options);
        out.add(2, pairedDifferences(comparisons));
        return out;
    }

    static final String PAIRED = "paired-differences";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Each row against the baseline on the same folds: mean difference, 95 % CI, p, and the forest plot. */
    static Html.Section pairedDifferences(JsonNode comparisons) {
        SectionBuilder s = new SectionBuilder(PAIRED, PAIRED, null, "2b. Paired differences to the baseline");
        List<PairedComparison> rows = new ArrayList<>();
        if (comparisons != null && comparisons.isArray()) {
            for (JsonNode c : comparisons) {
                try {
                    rows.add(JSON.treeToValue(c, PairedComparison.class));
                } catch (IOException | IllegalArgumentException e) {
                    s.absent("an unreadable comparison in ablation.json (" + e.getMessage() + ")");
                }
            }
        }
        if (rows.isEmpty()) {
            s.absent("ablation.json holds no paired comparison (one fold, or written before fer4j recorded them)");
            return s.build();
        }
        StringBuilder t = new StringBuilder("<table class=\"paired\">\n").append(Html.headerRow(List.of("method",
                "against", "paired folds", "difference (points)", "95 % CI", "p")));
        for (PairedComparison c : rows) {
            t.append("<tr data-run=\"").append(Html.attr(c.row())).append("\">").append(Html.td(c.row()))
                    .append(Html.td(c.against())).append(Html.td(Integer.toString(c.n())))
                    .append(Html.num("difference", c.meanDifference(),
                            String.format(Locale.ROOT, "%+.1f", 100 * c.meanDifference())))
                    .append(Html.td(String.format(Locale.ROOT, "[%+.1f, %+.1f]", 100 * c.low(), 100 * c.high())))
                    .append(Html.num("p", c.p(), String.format(Locale.ROOT, "%.3g", c.p()))).append("</tr>\n");
        }
        s.add(t.append("</table>\n").toString());
        s.add(Html.img(Charts.forest(rows.stream().map(PairedComparison::row).toList(),
                rows.stream().mapToDouble(PairedComparison::meanDifference).toArray(),
                rows.stream().mapToDouble(PairedComparison::low).toArray(),
                rows.stream().mapToDouble(PairedComparison::high).toArray()), "paired differences", "chart forest") + "\n");
        s.note("Folds of (repeated) cross-validation share training subjects, so their differences are correlated; the"
                + " corrected resampled t-test (Nadeau & Bengio 2003) widens the variance by n_test/n_train. An interval"
                + " that contains 0 means the folds cannot tell the two methods apart; more --repeats narrow it.");
        return s.build();
    }

    /** Uses the comparison's name for the run in the title and data-run attribute. */
    private static Html.Section rename(Html.Section s, String name) {
        String base = s.title().contains(": ") ? s.title().substring(0, s.title().indexOf(": ")) : s.title();
        return new Html.Section(s.id(), s.kind(), name, base + ": " + name, s.body(), s.state());
    }

    // ---------------------------------------------------------------- 1

    static Html.Section provenance(List<Named> runs, Recorded<JsonNode> sharedFolds, Map<String, String> header,
                                   Map<String, String> links) {
        SectionBuilder s = new SectionBuilder(RunSections.PROVENANCE, RunSections.PROVENANCE, null, RunSections.T_PROVENANCE);
        if (!header.isEmpty()) {
            s.add(Html.keyValues("header", header));
        }
        StringBuilder t = new StringBuilder("<h3>Runs</h3>\n<table class=\"runs\">\n").append(Html.headerRow(List.of("run",
                "folder", "model", "self-paced", "seed", "epochs", "width", "image", "dataset", "samples", "subjects",
                "folds", "wall time")));
        for (Named n : runs) {
            RunFolder r = n.run();
            JsonNode c = r.config().present() ? r.config().value() : null;
            String link = links.get(n.name());
            t.append("<tr data-run=\"").append(Html.attr(n.name())).append("\">").append(Html.td(n.name()))
                    .append(link == null ? Html.td(r.dir().toString())
                            : "<td class=\"text\"><a href=\"" + Html.attr(link) + "\">" + Html.esc(link) + "</a></td>")
                    .append(Html.td(c == null ? "–" : c.path("model").path("kind").asText("–").toLowerCase(Locale.ROOT)))
                    .append(Html.td(r.selfPaced() == null ? "–" : r.selfPaced() ? "yes" : "no"))
                    .append(Html.td(c == null ? "–" : c.path("seed").asText("–")))
                    .append(Html.td(c == null ? "–" : c.path("train").path("epochs").asText("–")))
                    .append(Html.td(c == null ? "–" : c.path("model").path("width").asText("–")))
                    .append(Html.td(c == null ? "–" : c.path("model").path("preprocessing").path("size").asText("–") + " px × "
                            + c.path("model").path("preprocessing").path("channels").asText("?")))
                    .append(Html.td(c == null ? "–" : c.path("dataset").path("name").asText("–")))
                    .append(Html.td(c == null ? "–" : c.path("dataset").path("samples").asText("–")))
                    .append(Html.td(c == null ? "–" : c.path("dataset").path("subjects").asText("–")))
                    .append(Html.td(Integer.toString(r.evals().size())))
                    .append(Html.num("wall-time", r.seconds(), Double.isNaN(r.seconds()) ? "–" : RunSections.duration(r.seconds())))
                    .append("</tr>\n");
            if (!r.config().present()) {
                s.absent(n.name() + ": " + r.config().absent());
            }
        }
        s.add(t.append("</table>\n").toString());
        Map<String, List<String>> differing = differingSettings(runs);
        if (!differing.isEmpty()) {
            List<String> head = new ArrayList<>(List.of("setting"));
            runs.forEach(n -> head.add(n.name()));
            StringBuilder d = new StringBuilder("<h3>Settings that differ</h3>\n<table class=\"differences\">\n")
                    .append(Html.headerRow(head));
            differing.forEach((k, v) -> {
                d.append("<tr>").append(Html.td(k));
                v.forEach(x -> d.append(Html.td(x)));
                d.append("</tr>\n");
            });
            s.add(d.append("</table>\n").toString());
        }
        RunFolder first = runs.get(0).run();
        if (first.config().present()) {
            JsonNode c = first.config().value();
            if (c.has("versions")) {
                s.add("<h3>Versions (" + Html.esc(runs.get(0).name()) + ")</h3>\n"
                        + Html.keyValues("versions", RunSections.flatten(c.get("versions"), "")));
            }
            if (c.has("dataset")) {
                s.add("<h3>Dataset (" + Html.esc(runs.get(0).name()) + ")</h3>\n"
                        + Html.keyValues("dataset", RunSections.flatten(c.get("dataset"), "")));
            }
        }
        Recorded<JsonNode> folds = sharedFolds != null ? sharedFolds : first.folds();
        boolean same = runs.stream().allMatch(n -> n.run().folds().present() && folds.present()
                && n.run().folds().value().equals(folds.value()));
        if (!same) {
            s.note("The runs do not all share one folds.json: compare their numbers with care (the folds of "
                    + runs.get(0).name() + " are shown).");
        }
        RunSections.folds(s, folds, first.config(), first.evals());
        return s.build();
    }

    /** Flattened config keys whose values differ between runs (versions and the variant name left out). */
    static Map<String, List<String>> differingSettings(List<Named> runs) {
        List<Map<String, String>> flat = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Named n : runs) {
            Map<String, String> f = n.run().config().present() ? RunSections.configRows(n.run().config().value()) : Map.of();
            flat.add(f);
            keys.addAll(f.keySet());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String k : keys) {
            if (k.equals("variant")) {
                continue;
            }
            List<String> v = flat.stream().map(f -> f.getOrDefault(k, "–")).toList();
            if (new TreeSet<>(v).size() > 1) {
                out.put(k, v);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- 2

    /** The paper's Table 4: one row per method, accuracy and macro-F1 as mean ± std over folds. */
    static Html.Section table4(List<Named> runs) {
        SectionBuilder s = new SectionBuilder(RunSections.METRICS, RunSections.METRICS, null, RunSections.T_METRICS);
        int folds = runs.stream().mapToInt(n -> n.run().evals().size()).max().orElse(0);
        List<String> head = new ArrayList<>(List.of("method", "accuracy (%)", "macro-F1 (%)"));
        for (int f = 0; f < folds; f++) {
            head.add("fold " + f + " (%)");
        }
        StringBuilder t = new StringBuilder("<h3>Table 4 layout: mean ± std over folds</h3>\n<table class=\"table4\">\n")
                .append(Html.headerRow(head));
        boolean any = false;
        for (Named n : runs) {
            RunFolder r = n.run();
            MeanStd acc = r.accuracy();
            MeanStd f1 = r.macroF1();
            any |= !Double.isNaN(acc.mean());
            t.append("<tr class=\"method\" data-run=\"").append(Html.attr(n.name())).append("\">").append(Html.td(n.name()))
                    .append(Html.num("accuracy", acc.mean(), Double.isNaN(acc.mean()) ? "–" : acc.percent()))
                    .append(Html.num("macro-f1", f1.mean(), Double.isNaN(f1.mean()) ? "–" : f1.percent()));
            List<EvaluationResult> rs = new ArrayList<>(r.evals().values());
            for (int f = 0; f < folds; f++) {
                double v = f < rs.size() ? rs.get(f).accuracy() : Double.NaN;
                t.append(Html.num("fold-accuracy", v, Html.pct(v)));
            }
            t.append("</tr>\n");
            if (r.evals().isEmpty()) {
                s.absent(n.name() + ": fold-K/eval.json not found"
                        + (r.results().present() ? " (summary from results.json)" : ""));
            }
        }
        t.append("</table>\n");
        if (any) {
            s.add(t.toString());
        }
        Set<String> labels = new LinkedHashSet<>();
        runs.forEach(n -> labels.addAll(RunSections.labels(n.run())));
        if (!labels.isEmpty() && runs.stream().anyMatch(n -> !n.run().evals().isEmpty())) {
            List<String> h = new ArrayList<>(List.of("method"));
            labels.forEach(l -> h.add(l + " (%)"));
            StringBuilder r = new StringBuilder("<h3>Per-class recall, mean over folds</h3>\n<table class=\"recall\">\n")
                    .append(Html.headerRow(h));
            for (Named n : runs) {
                List<String> own = RunSections.labels(n.run());
                List<MeanStd> means = RunSections.recallMeans(n.run());
                r.append("<tr data-run=\"").append(Html.attr(n.name())).append("\">").append(Html.td(n.name()));
                for (String l : labels) {
                    int i = own.indexOf(l);
                    MeanStd m = i >= 0 && i < means.size() ? means.get(i) : new MeanStd(Double.NaN, Double.NaN, 0);
                    r.append(Html.num("recall", m.mean(), m.n() == 0 ? "–" : m.percent()));
                }
                r.append("</tr>\n");
            }
            s.add(r.append("</table>\n").toString());
        }
        return s.build();
    }

    // ---------------------------------------------------------------- 3

    static Html.Section confusion(List<Named> runs) {
        SectionBuilder s = new SectionBuilder(RunSections.CONFUSION, RunSections.CONFUSION, null, RunSections.T_CONFUSION);
        StringBuilder grid = new StringBuilder("<div class=\"grid\">\n");
        boolean any = false;
        for (Named n : runs) {
            EvaluationResult pooled = n.run().pooled();
            if (pooled == null) {
                s.absent(n.name() + ": fold-K/eval.json not found");
                continue;
            }
            any = true;
            grid.append("<figure class=\"panel\" data-run=\"").append(Html.attr(n.name())).append("\">")
                    .append(RunSections.confusionFigure(pooled, n.name() + " (" + n.run().evals().size() + " fold(s) pooled)"))
                    .append(RunSections.confusionTable(pooled)).append("</figure>\n");
        }
        if (any) {
            s.add(grid.append("</div>\n").toString());
            s.note("Rows are the true class, columns the predicted class, normalised per row, counts below; folds pooled.");
        }
        return s.build();
    }

    // ---------------------------------------------------------------- 4

    /** Fig. 5 overlaid: every self-paced run's test accuracy per pace (e.g. SPL only vs NDF + SPL). */
    static Html.Section paceAccuracy(List<Named> runs) {
        SectionBuilder s = new SectionBuilder(RunSections.PACE_ACCURACY, RunSections.PACE_ACCURACY, null, RunSections.T_PACE);
        List<Charts.Line> lines = new ArrayList<>();
        Map<String, SortedMap<Integer, Double>> by = new LinkedHashMap<>();
        for (Named n : runs) {
            if (Boolean.FALSE.equals(n.run().selfPaced())) {
                continue;
            }
            SortedMap<Integer, Double> acc = RunSections.paceAccuracies(n.run());
            if (acc.size() > 1) {
                lines.add(RunSections.paceLine(n.name(), acc));
                by.put(n.name(), acc);
            }
        }
        if (lines.isEmpty()) {
            s.absent("no run used self-paced learning with recorded per-pace test accuracy (metrics.jsonl, spl.jsonl)");
            return s.build();
        }
        s.add(Html.img(Charts.paceAccuracy(lines), "test accuracy per pace", "chart pace-chart") + "\n");
        Set<Integer> paces = new TreeSet<>();
        by.values().forEach(m -> paces.addAll(m.keySet()));
        List<String> head = new ArrayList<>(List.of("pace"));
        head.addAll(by.keySet());
        StringBuilder t = new StringBuilder("<table class=\"paces\">\n").append(Html.headerRow(head));
        for (int p : paces) {
            t.append("<tr data-pace=\"").append(p).append("\">").append(Html.td(p == 0 ? "0 (warm-up)" : Integer.toString(p)));
            for (SortedMap<Integer, Double> m : by.values()) {
                double v = m.getOrDefault(p, Double.NaN);
                t.append(Html.num("test-accuracy", v, Html.pct(v)));
            }
            t.append("</tr>\n");
        }
        s.add(t.append("</table>\n").toString());
        s.note("Test accuracy (%) at the end of each pace, mean over folds; a baseline network with SPL is the run"
                + " without NDF, SPNDL the run with it. Runs without self-paced learning have no paces and are left out.");
        return s.build();
    }

    // ---------------------------------------------------------------- 5

    static Html.Section loss(List<Named> runs) {
        SectionBuilder s = new SectionBuilder(RunSections.LOSS, RunSections.LOSS, null, RunSections.T_LOSS);
        List<Charts.Line> lines = new ArrayList<>();
        List<Double> boundaries = null;
        for (Named n : runs) {
            if (!n.run().metrics().present() || n.run().metrics().value().isEmpty()) {
                s.absent(n.name() + ": " + (n.run().metrics().present() ? "metrics.jsonl holds no epoch" : n.run().metrics().absent()));
                continue;
            }
            SortedMap<Integer, List<EpochRecord>> byFold = RunSections.byFold(n.run().metrics().value());
            SortedMap<Integer, List<Double>> byEpoch = new TreeMap<>();
            byFold.values().forEach(l -> l.forEach(e -> byEpoch.computeIfAbsent(e.epoch(),
                    k -> new ArrayList<>()).add(e.loss())));
            lines.add(new Charts.Line(n.name(), byEpoch.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    byEpoch.values().stream().mapToDouble(v -> MeanStd.of(v).mean()).toArray()));
            List<Double> b = RunSections.paceStarts(byFold.get(byFold.firstKey()));
            if (boundaries == null && !b.isEmpty()) {
                boundaries = b;
            }
        }
        if (lines.isEmpty()) {
            return s.build();
        }
        s.add(Html.img(Charts.loss(lines, boundaries == null ? List.of() : boundaries), "training loss per epoch",
                "chart loss-chart") + "\n");
        s.note("Mean training loss over folds per epoch; the dashed lines are the pace boundaries of the first"
                + " self-paced run (all self-paced runs here share the schedule when they share the options).");
        return s.build();
    }

    // ---------------------------------------------------------------- 8

    static Html.Section adversarial(List<Named> runs) {
        List<Named> adv = runs.stream().filter(n -> n.run().isAdversarial()).toList();
        if (adv.isEmpty()) {
            return new SectionBuilder(RunSections.ADVERSARIAL, RunSections.ADVERSARIAL, null, RunSections.T_ADV)
                    .absent("no run is an adversarial model (no fold-K/" + RunLog.PROBES + ")").build();
        }
        SectionBuilder s = new SectionBuilder(RunSections.ADVERSARIAL, RunSections.ADVERSARIAL, null, RunSections.T_ADV);
        List<Named> probed = adv.stream().filter(n -> !n.run().probes().isEmpty()).toList();
        if (!probed.isEmpty()) {
            s.add(SampleSections.probeTable(probed.stream().map(Named::name).toList(),
                    probed.stream().map(Named::run).toList()));
        }
        for (Named n : adv) {
            s.add("<h3>" + Html.esc(n.name()) + "</h3>\n");
            if (n.run().probes().isEmpty()) {
                s.absent(n.name() + ": fold-K/" + RunLog.PROBES + " not found");
            }
            SampleSections.reconstructions(s, n.run());
        }
        return s.build();
    }
}
