package org.fer4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fer4j.evaluation.MeanStd;
import org.fer4j.report.Html.SectionBuilder;
import org.fer4j.runs.PaceRecord;
import org.fer4j.runs.RunLog;

import static org.fer4j.report.RunSections.ADVERSARIAL;
import static org.fer4j.report.RunSections.THUMBNAILS;
import static org.fer4j.report.RunSections.TSNE;
import static org.fer4j.report.RunSections.T_ADV;
import static org.fer4j.report.RunSections.T_THUMBS;
import static org.fer4j.report.RunSections.T_TSNE;
import static org.fer4j.report.RunSections.labels;

/**
 * The sections about what a run's model learned and where it fails, per run: the t-SNE of its features
 * (Fig. 7), the faces it excluded at each pace (Fig. 8) and its most confident mistakes, and the
 * adversarial model's probes and reconstructions. {@code prefix} keeps section ids unique when several
 * runs share one page.
 */
final class SampleSections {
    private static final Pattern EXCLUDED = Pattern.compile("fold-(\\d+)-pace-(\\d+)-excluded-(.+)\\.png");
    private static final int MISTAKES = 12;

    private SampleSections() {
    }

    // ---------------------------------------------------------------- 6. t-SNE

    static Html.Section tsne(String prefix, RunFolder run, ReportOptions options) {
        SectionBuilder s = new SectionBuilder(prefix + TSNE, TSNE, prefix.isEmpty() ? null : run.name(),
                prefix.isEmpty() ? T_TSNE : T_TSNE + ": " + run.name());
        if (run.features().isEmpty()) {
            s.absent("features/fold-K-pace-P.csv not found (features are saved for fold 0 when a run records them)");
            return s.build();
        }
        int fold = run.features().stream().mapToInt(RunFolder.FeatureFile::fold).min().orElseThrow();
        List<RunFolder.FeatureFile> chosen = earlyAndLate(run.features().stream().filter(f -> f.fold() == fold).toList());
        Set<String> classes = new LinkedHashSet<>(options.tsneClasses());
        List<String> order = labels(run);
        Map<String, Color> colours = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            colours.put(order.get(i), Charts.PALETTE[i % Charts.PALETTE.length]);
        }
        StringBuilder grid = new StringBuilder("<div class=\"grid\">\n");
        int shown = 0;
        for (RunFolder.FeatureFile f : chosen) {
            try {
                for (FeatureEmbedding.Embedding e : FeatureEmbedding.of(f.path(), classes, options)) {
                    SortedMap<String, List<double[]>> byClass = new TreeMap<>();
                    for (int i = 0; i < e.labels().size(); i++) {
                        byClass.computeIfAbsent(e.labels().get(i), k -> new ArrayList<>()).add(e.coordinates()[i]);
                    }
                    for (String c : byClass.keySet()) {
                        colours.computeIfAbsent(c, k -> Charts.PALETTE[colours.size() % Charts.PALETTE.length]);
                    }
                    String title = FeatureEmbedding.describe(e.group(), run.modelKind()) + ", " + f.describe();
                    grid.append("<figure class=\"panel tsne\" data-pace=\"").append(f.pace()).append("\" data-group=\"")
                            .append(Html.attr(e.group())).append("\" data-points=\"").append(e.labels().size()).append("\">")
                            .append(Html.img(Charts.scatter(title, byClass, colours), title, "chart tsne-chart"))
                            .append("<figcaption>").append(Html.esc(title)).append(": ").append(e.labels().size())
                            .append(" of ").append(e.available()).append(" test samples</figcaption></figure>\n");
                    shown++;
                }
            } catch (IOException | RuntimeException ex) {
                s.absent(run.dir().relativize(f.path()) + ": " + ex.getMessage());
            }
        }
        if (shown > 0) {
            s.add(grid.append("</div>\n").toString());
        }
        if (!classes.isEmpty()) {
            List<String> unknown = classes.stream().filter(c -> !order.isEmpty() && !order.contains(c)).toList();
            if (!unknown.isEmpty()) {
                s.absent("chosen t-SNE classes not in this run: " + unknown + " (classes: " + order + ")");
            }
        }
        s.note("t-SNE (Smile) of the test-set " + FeatureEmbedding.describe("f", run.modelKind())
                + (chosen.size() > 1 ? " at an early and a late pace" : chosen.get(0).isFinal() ? " of the final model"
                : " at the end of pace " + chosen.get(0).pace()) + ", classes " + (classes.isEmpty() ? "all" : String.join(", ", classes))
                + "; at most " + options.tsneMaxPoints() + " points, " + options.tsneIterations()
                + " iterations, seed " + options.seed() + " (choose with --tsne-classes, --tsne-points).");
        return s.build();
    }

    /** The earliest self-paced pace and the last one; without paces, the final model (else the last file). */
    static List<RunFolder.FeatureFile> earlyAndLate(List<RunFolder.FeatureFile> files) {
        List<RunFolder.FeatureFile> paces = files.stream().filter(f -> f.pace() >= 1)
                .sorted(java.util.Comparator.comparingInt(RunFolder.FeatureFile::pace)).toList();
        if (paces.size() >= 2) {
            return List.of(paces.get(0), paces.get(paces.size() - 1));
        }
        if (paces.size() == 1) {
            return paces;
        }
        return files.stream().filter(RunFolder.FeatureFile::isFinal).findFirst().map(List::of)
                .orElse(List.of(files.stream().max(java.util.Comparator.comparingInt(RunFolder.FeatureFile::pace)).orElseThrow()));
    }

    // ---------------------------------------------------------------- 7. thumbnails

    static Html.Section thumbnails(String prefix, RunFolder run) {
        SectionBuilder s = new SectionBuilder(prefix + THUMBNAILS, THUMBNAILS, prefix.isEmpty() ? null : run.name(),
                prefix.isEmpty() ? T_THUMBS : T_THUMBS + ": " + run.name());
        excluded(s, run);
        mistakes(s, run);
        return s.build();
    }

    private static void excluded(SectionBuilder s, RunFolder run) {
        if (Boolean.FALSE.equals(run.selfPaced())) {
            s.absent("excluded samples: this run did not use self-paced learning, so no sample was excluded");
            return;
        }
        Map<Integer, Map<Integer, List<Path>>> files = new TreeMap<>();
        for (Path p : run.thumbnails()) {
            Matcher m = EXCLUDED.matcher(p.getFileName().toString());
            if (m.matches()) {
                files.computeIfAbsent(Integer.parseInt(m.group(1)), f -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(2)), q -> new ArrayList<>()).add(p);
            }
        }
        Map<Integer, Map<Integer, PaceRecord>> spl = new TreeMap<>();
        if (run.spl().present()) {
            for (PaceRecord l : run.spl().value()) {
                spl.computeIfAbsent(l.fold(), f -> new TreeMap<>()).put(l.pace(), l);
            }
        }
        if (files.isEmpty() && spl.isEmpty()) {
            s.absent("excluded samples: spl.jsonl and thumbnails/fold-K-pace-P-excluded-*.png not found");
            return;
        }
        int fold = !files.isEmpty() ? files.keySet().iterator().next() : spl.keySet().iterator().next();
        Map<Integer, List<Path>> byPace = files.getOrDefault(fold, Map.of());
        Set<Integer> paces = new java.util.TreeSet<>(byPace.keySet());
        paces.addAll(spl.getOrDefault(fold, Map.of()).keySet());
        StringBuilder b = new StringBuilder("<h3>Samples excluded at each pace, fold " + fold + "</h3>\n");
        Map<Integer, PaceRecord> foldSpl = spl.getOrDefault(fold, Map.of());
        PaceRecord last = foldSpl.isEmpty() ? null : foldSpl.get(java.util.Collections.max(foldSpl.keySet()));
        for (int pace : paces) {
            PaceRecord line = foldSpl.get(pace);
            List<Path> imgs = byPace.getOrDefault(pace, List.of());
            int excluded = line != null ? line.excludedIds().size() : imgs.size();
            b.append("<div class=\"pace-excluded\" data-pace=\"").append(pace).append("\" data-excluded=\"").append(excluded)
                    .append("\"><p class=\"note\">Pace ").append(pace);
            if (line != null) {
                b.append(String.format(Locale.ROOT, " (q = %.2f, %d admitted)", line.fraction(), line.admitted()));
            }
            b.append(": ").append(excluded).append(" excluded").append(imgs.size() < excluded ? ", " + imgs.size() + " shown" : "")
                    .append(excludedByClass(line, last)).append("</p>\n<div class=\"grid\">");
            for (Path p : imgs) {
                Matcher m = EXCLUDED.matcher(p.getFileName().toString());
                String id = m.matches() ? m.group(3) : p.getFileName().toString();
                b.append(thumb(p, id));
            }
            b.append("</div></div>\n");
        }
        s.add(b.toString());
        if (files.isEmpty()) {
            s.absent("thumbnails/fold-K-pace-P-excluded-*.png not found: counts only");
        }
    }

    /** Excluded per class = admitted at the fold's last pace (q = 1: every training sample) − admitted now. */
    private static String excludedByClass(PaceRecord line, PaceRecord last) {
        if (line == null || last == null || last.fraction() < 1.0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(last.admittedPerClass()).forEach((k, n) -> {
            int excluded = n - line.admittedPerClass().getOrDefault(k, n);
            if (excluded > 0) {
                parts.add(k + " " + excluded);
            }
        });
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static void mistakes(SectionBuilder s, RunFolder run) {
        if (run.predictions().isEmpty()) {
            s.absent("most confident mistakes: fold-K/predictions.csv not found");
            return;
        }
        int fold = run.predictions().firstKey();
        List<RunFolder.Prediction> wrong = new ArrayList<>(run.predictions().get(fold).stream()
                .filter(p -> !p.label().equals(p.predicted())).toList());
        wrong.sort(java.util.Comparator.comparingDouble(p -> -p.confidence()));
        StringBuilder b = new StringBuilder("<h3>Most confident mistakes, fold " + fold + "</h3>\n<p class=\"note\">"
                + wrong.size() + " of " + run.predictions().get(fold).size() + " test samples are misclassified.</p>\n"
                + "<table class=\"mistakes\">\n" + Html.headerRow(List.of("rank", "face", "sample", "subject", "true",
                "predicted", "confidence")));
        for (int r = 0; r < Math.min(MISTAKES, wrong.size()); r++) {
            RunFolder.Prediction p = wrong.get(r);
            Path img = mistakeThumbnail(run, fold, p);
            b.append("<tr class=\"mistake\">").append(Html.td(Integer.toString(r + 1)))
                    .append("<td class=\"text\">").append(img == null ? "–" : thumbImg(img, p.id())).append("</td>")
                    .append(Html.td(p.id())).append(Html.td(p.subject())).append(Html.td(p.label()))
                    .append(Html.td(p.predicted()))
                    .append(Html.num("confidence", p.confidence(), String.format(Locale.ROOT, "%.3f", p.confidence())))
                    .append("</tr>\n");
        }
        s.add(b.append("</table>\n").toString());
    }

    private static Path mistakeThumbnail(RunFolder run, int fold, RunFolder.Prediction p) {
        String tail = "-" + p.id().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + p.label() + "-as-" + p.predicted() + ".png";
        String head = "fold-" + fold + "-mistake-";
        for (Path t : run.thumbnails()) {
            String n = t.getFileName().toString();
            if (n.startsWith(head) && n.endsWith(tail)) {
                return t;
            }
        }
        return null;
    }

    private static String thumb(Path p, String caption) {
        return "<figure>" + thumbImg(p, caption) + "<figcaption>" + Html.esc(caption) + "</figcaption></figure>";
    }

    private static String thumbImg(Path p, String alt) {
        try {
            return Html.img(Files.readAllBytes(p), alt, "thumb");
        } catch (IOException e) {
            return "<span class=\"absent\">unreadable " + Html.esc(p.getFileName().toString()) + "</span>";
        }
    }

    // ---------------------------------------------------------------- 8. adversarial

    static Html.Section adversarial(String prefix, RunFolder run) {
        SectionBuilder s = new SectionBuilder(prefix + ADVERSARIAL, ADVERSARIAL, prefix.isEmpty() ? null : run.name(),
                prefix.isEmpty() ? T_ADV : T_ADV + ": " + run.name());
        if (!run.isAdversarial()) {
            s.absent("not an adversarial model (model " + (run.modelKind() == null ? "unknown" : run.modelKind())
                    + "; no fold-K/" + RunLog.PROBES + ")");
            return s.build();
        }
        if (run.probes().isEmpty()) {
            s.absent("fold-K/" + RunLog.PROBES + " not found: linear-probe scores");
        } else {
            s.add(probeTable(List.of(run.name()), List.of(run)));
            s.note("A fresh linear probe on frozen features: z_n → expression should be near chance (z_n carries no"
                    + " expression) and z_e → identity low (z_e carries little identity).");
        }
        reconstructions(s, run);
        return s.build();
    }

    /** The decoder's input/reconstruction PNGs, or why there are none (β1 = 0 trains no decoder). */
    static void reconstructions(SectionBuilder s, RunFolder run) {
        String beta1 = run.modelOption("adv.beta1");
        if (!run.reconstructions().isEmpty()) {
            StringBuilder b = new StringBuilder("<h3>Inputs and reconstructions</h3>\n<div class=\"grid\">");
            for (Path p : run.reconstructions()) {
                try {
                    b.append("<figure class=\"reconstruction\">").append(Html.img(Files.readAllBytes(p),
                            p.getFileName().toString(), "recon")).append("<figcaption>")
                            .append(Html.esc(p.getFileName().toString().replaceFirst("\\.png$", "")))
                            .append("</figcaption></figure>");
                } catch (IOException e) {
                    s.absent(p.getFileName() + " is unreadable");
                }
            }
            s.add(b.append("</div>\n").toString());
        } else if (beta1 != null && parse(beta1) == 0) {
            s.note("β1 = 0: no decoder was trained, so there are no reconstructions.");
        } else {
            s.absent(RunLog.RECONSTRUCTIONS + "/*.png not found (β1 = " + (beta1 == null ? "unknown" : beta1) + ")");
        }
    }

    /** Probe scores: one row per key (z_n → expression, …), one column per run and fold, plus the mean. */
    static String probeTable(List<String> names, List<RunFolder> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> r.probes().values().forEach(p -> p.fieldNames().forEachRemaining(keys::add)));
        List<String> head = new ArrayList<>(List.of("probe"));
        for (int i = 0; i < runs.size(); i++) {
            String n = runs.size() > 1 ? names.get(i) + " " : "";
            for (int fold : runs.get(i).probes().keySet()) {
                head.add(n + "fold " + fold + " (%)");
            }
            head.add(n + "mean (%)");
        }
        StringBuilder t = new StringBuilder("<table class=\"probes\">\n").append(Html.headerRow(head));
        for (String k : keys) {
            t.append("<tr data-probe=\"").append(Html.attr(k)).append("\">").append(Html.td(probeName(k)));
            for (RunFolder r : runs) {
                List<Double> v = new ArrayList<>();
                for (JsonNode p : r.probes().values()) {
                    double x = p.path(k).isNumber() ? p.get(k).asDouble() : Double.NaN;
                    if (!Double.isNaN(x)) {
                        v.add(x);
                    }
                    t.append(Html.num("probe-fold", x, Html.pct(x)));
                }
                MeanStd m = MeanStd.of(v);
                t.append(Html.num("probe-mean", m.mean(), Html.pct(m.mean())));
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    static String probeName(String key) {
        return switch (key) {
            case "z_n_expression" -> "z_n → expression (want ≈ chance)";
            case "z_e_expression" -> "z_e → expression";
            case "z_e_identity" -> "z_e → identity (want low)";
            case "z_n_identity" -> "z_n → identity";
            case "chance_expression" -> "chance, expression";
            case "chance_identity" -> "chance, identity";
            default -> key;
        };
    }

    private static double parse(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
