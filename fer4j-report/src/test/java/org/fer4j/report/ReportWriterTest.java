package org.fer4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.fer4j.runs.RunLog;
import org.fer4j.testing.RunFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report is built from a recorded run folder alone, shows every section with the right numbers, and survives missing files. */
class ReportWriterTest {
    @TempDir
    Path tmp;

    static final ReportOptions FAST = new ReportOptions(List.of(), 200, 250, 3);

    static Document build(Path dir) throws IOException {
        Path out = ReportWriter.write(dir, FAST);
        assertThat(out).isEqualTo(dir.resolve("report.html"));
        return Jsoup.parse(Files.readString(out));
    }

    static Element section(Document d, String id) {
        Element s = d.getElementById(id);
        assertThat(s).as("section #" + id).isNotNull();
        return s;
    }

    static double value(Element cell) {
        return Double.parseDouble(cell.attr("data-value"));
    }

    @Test
    void everySectionShowsTheRecordedNumbers() throws IOException {
        Document d = build(RunFolderFixture.spndl(tmp.resolve("run")));
        assertThat(d.select("section").eachAttr("data-section")).containsExactly("provenance", "metrics", "confusion",
                "pace-accuracy", "loss", "tsne", "thumbnails", "adversarial");
        for (String id : List.of("provenance", "metrics", "confusion", "pace-accuracy", "loss", "tsne", "thumbnails")) {
            assertThat(section(d, id).attr("data-state")).as(id).isEqualTo("present");
        }
        assertThat(section(d, "adversarial").attr("data-state")).isEqualTo("absent");
        assertThat(section(d, "adversarial").text()).contains("not an adversarial model");
        assertThat(d.select("script")).isEmpty();

        // 1. provenance: seed, versions, folds and samples per class per fold.
        Element prov = section(d, "provenance");
        assertThat(row(prov, "table.config", "seed")).isEqualTo("7");
        assertThat(row(prov, "table.config", "model.kind")).isEqualTo("SPNDL");
        assertThat(row(prov, "table.config", "self_paced.schedule")).isEqualTo("0.5, 0.75, 1.0");
        assertThat(row(prov, "table.versions", "fer4j")).isEqualTo("9.9.9-fixture");
        assertThat(row(prov, "table.versions", "pytorch")).isEqualTo("2.5.1");
        assertThat(row(prov, "table.dataset", "subjects")).isEqualTo("6");
        Elements folds = prov.select("table.folds tr[data-fold]");
        assertThat(folds).hasSize(2);
        assertThat(value(folds.get(0).selectFirst("td.train-subjects"))).isEqualTo(3);
        assertThat(folds.get(0).text()).contains("2: S1, S2").contains("train 42 (anger 14, happiness 14, surprise 14)")
                .contains("test 30 (anger 10");
        assertThat(value(prov.selectFirst(".wall-time"))).isEqualTo(20.0);

        // 2. per fold and mean ± std.
        Element m = section(d, "metrics");
        Element f0 = m.selectFirst("tr.fold[data-fold=0]");
        Element f1 = m.selectFirst("tr.fold[data-fold=1]");
        assertThat(value(f0.selectFirst("td.accuracy"))).isCloseTo(25.0 / 30, within(1e-9));
        assertThat(f0.selectFirst("td.accuracy").text()).isEqualTo("83.33");
        assertThat(value(f0.selectFirst("td.macro-f1"))).isCloseTo(0.8333333, within(1e-6));
        assertThat(f0.select("td.recall").eachText()).containsExactly("80.00", "90.00", "80.00");
        assertThat(value(f1.selectFirst("td.macro-f1"))).isCloseTo((4.0 / 7 + 10.0 / 13 + 1) / 3, within(1e-9));
        assertThat(f1.select("td.recall").eachText()).containsExactly("40.00", "100.00", "100.00");
        Element mean = m.selectFirst("tr.summary");
        assertThat(mean.selectFirst("td.accuracy").text()).isEqualTo("81.67 ± 2.36");
        assertThat(mean.select("td.recall").eachText()).containsExactly("60.00 ± 28.28", "95.00 ± 7.07", "90.00 ± 14.14");

        // 3. pooled confusion matrix, row-normalised, with counts.
        Element conf = section(d, "confusion");
        assertThat(conf.select("img.confusion-heatmap")).hasSize(1);
        Elements anger = conf.select("table.confusion tr[data-true=anger] td.cell");
        assertThat(anger.eachAttr("data-count")).containsExactly("12", "7", "1");
        assertThat(anger.eachText()).containsExactly("60% 12", "35% 7", "5% 1");
        assertThat(value(conf.selectFirst("table.confusion tr[data-true=surprise] td.n"))).isEqualTo(20);

        // 4. test accuracy per pace, mean over folds.
        Element pace = section(d, "pace-accuracy");
        assertThat(pace.select("img.pace-chart")).hasSize(1);
        assertThat(pace.select("tr[data-pace]").eachAttr("data-pace")).containsExactly("0", "1", "2", "3");
        assertThat(value(pace.selectFirst("tr[data-pace=2] td.test-accuracy"))).isCloseTo(0.65, within(1e-9));
        assertThat(value(pace.selectFirst("tr[data-pace=3] td.test-accuracy"))).isCloseTo((25.0 / 30 + 0.8) / 2, within(1e-9));
        assertThat(value(pace.selectFirst("tr[data-pace=1] td.excluded"))).isEqualTo(1.5);
        assertThat(value(pace.selectFirst("tr[data-pace=1] td.fraction"))).isEqualTo(0.5);

        // 5. loss per epoch (fold 0's table).
        Element loss = section(d, "loss");
        assertThat(loss.select("img.loss-chart")).hasSize(1);
        assertThat(loss.select("table.epochs td.loss").eachText()).containsExactly("1.2000", "1.0000", "1.1000", "0.9000", "0.9500");
        assertThat(RunSections.paceStarts(RunFolder.read(tmp.resolve("run")).metrics().value().subList(0, 5)))
                .containsExactly(1.5, 2.5, 4.5);

        // 6. t-SNE at an early (1) and a late (3) pace of fold 0.
        Element tsne = section(d, "tsne");
        assertThat(tsne.select("figure.tsne").eachAttr("data-pace")).containsExactly("1", "3");
        assertThat(tsne.select("figure.tsne").eachAttr("data-points")).containsExactly("45", "45");
        assertThat(tsne.text()).contains("NDF, fold 0, end of pace 1");

        // 7. excluded per pace and the most confident mistakes, in order of confidence.
        Element th = section(d, "thumbnails");
        assertThat(th.select("div.pace-excluded").eachAttr("data-excluded")).containsExactly("3", "1", "0");
        assertThat(th.selectFirst("div.pace-excluded[data-pace=1]").select("img.thumb")).hasSize(3);
        assertThat(th.selectFirst("div.pace-excluded[data-pace=1]").text()).contains("anger 1, happiness 1, surprise 1");
        Elements mistakes = th.select("table.mistakes tr.mistake");
        assertThat(mistakes).hasSize(5);
        assertThat(mistakes.select("td.confidence").eachText()).startsWith("0.950", "0.900", "0.700", "0.500");
        assertThat(mistakes.get(0).text()).contains("S2_anger_9").contains("anger").contains("surprise");
        assertThat(mistakes.get(0).select("img.thumb")).hasSize(1);
        assertThat(mistakes.get(1).select("img.thumb")).isEmpty();

        assertEveryImageIsAPng(d);
    }

    @Test
    void sameFolderGivesTheSameReport() throws IOException {
        Path run = RunFolderFixture.spndl(tmp.resolve("run"));
        assertThat(ReportWriter.render(run, FAST)).isEqualTo(ReportWriter.render(run, FAST));
    }

    @Test
    void missingFilesMarkTheirSectionsAbsent() throws IOException {
        Map<String, Map<String, String>> stateWhenDeleted = Map.of(
                "metrics.jsonl", Map.of("loss", "absent", "pace-accuracy", "present"),
                "metrics.jsonl,spl.jsonl", Map.of("pace-accuracy", "absent"),
                "features", Map.of("tsne", "absent"),
                "thumbnails,fold-0/predictions.csv,fold-1/predictions.csv", Map.of("thumbnails", "partial"),
                "fold-0/eval.json,fold-1/eval.json", Map.of("confusion", "absent", "metrics", "partial"),
                "config.json,folds.json,results.json", Map.of("provenance", "partial", "pace-accuracy", "present"));
        int i = 0;
        for (Map.Entry<String, Map<String, String>> e : stateWhenDeleted.entrySet()) {
            Path run = RunFolderFixture.spndl(tmp.resolve("run" + i++));
            for (String f : e.getKey().split(",")) {
                delete(run.resolve(f));
            }
            Document d = build(run);
            assertThat(d.select("section")).hasSize(8);
            e.getValue().forEach((id, state) -> {
                assertThat(section(d, id).attr("data-state")).as(e.getKey() + " → " + id).isEqualTo(state);
                if (!state.equals("present")) {
                    assertThat(section(d, id).selectFirst("p.absent").text()).startsWith("Absent: ");
                }
            });
            if (e.getKey().startsWith("fold-0/eval")) {
                // The summary falls back to results.json.
                assertThat(section(d, "metrics").selectFirst(".accuracy").text()).isEqualTo("81.67 ± 2.36");
            }
            if (e.getKey().startsWith("config")) {
                // Only the wall time (summed from metrics.jsonl) is left; paces come from metrics.jsonl.
                assertThat(section(d, "provenance").text()).contains("config.json not found").contains("folds.json not found");
            }
            if (e.getKey().startsWith("thumbnails")) {
                assertThat(section(d, "thumbnails").text()).contains("predictions.csv not found")
                        .contains("thumbnails/fold-K-pace-P-excluded-*.png not found");
            }
        }
        // A torn metrics line and an unreadable eval.json are reported, not thrown.
        Path run = RunFolderFixture.spndl(tmp.resolve("torn"));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"fold\":0,\"epo", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(run.resolve("fold-1/eval.json"), "{ not json");
        Document d = build(run);
        assertThat(section(d, "provenance").text()).contains("metrics.jsonl: 1 unreadable line(s) skipped")
                .contains("fold-1/eval.json is unreadable");
        assertThat(section(d, "metrics").select("tr.fold")).hasSize(1);
        assertThat(section(d, "loss").select("table.epochs td.loss")).hasSize(5);
    }

    @Test
    void adversarialRunShowsProbesReconstructionsAndBothRepresentations() throws IOException {
        Document d = build(RunFolderFixture.adversarial(tmp.resolve("adv")));
        Element adv = section(d, "adversarial");
        assertThat(adv.attr("data-state")).isEqualTo("present");
        Element zn = adv.selectFirst("tr[data-probe=z_n_expression]");
        assertThat(zn.select("td.probe-fold").eachText()).containsExactly("36.00", "30.00");
        assertThat(value(zn.selectFirst("td.probe-mean"))).isCloseTo(0.33, within(1e-9));
        assertThat(adv.select("tr[data-probe]").eachAttr("data-probe")).contains("z_e_identity", "chance_expression");
        assertThat(adv.select("figure.reconstruction img")).hasSize(2);
        // No paces without SPL: the final model's z_e and z_n, each its own t-SNE.
        assertThat(section(d, "tsne").select("figure.tsne").eachAttr("data-group")).containsExactly("ze", "zn");
        assertThat(section(d, "tsne").text()).contains("z_e (expression), fold 0, final model")
                .contains("z_n (non-expression), fold 0, final model");
        assertThat(section(d, "pace-accuracy").attr("data-state")).isEqualTo("absent");
        assertThat(section(d, "loss").select("img.loss-chart")).hasSize(1);
        assertEveryImageIsAPng(d);
    }

    @Test
    void probedEpochsDrawTheDisentanglementCurveBesideTheLoss() throws IOException {
        Path run = RunFolderFixture.adversarial(tmp.resolve("adv"));
        assertThat(section(build(run), "loss").select("img.probe-chart, table.probe-curve")).isEmpty();

        List<org.fer4j.runs.EpochRecord> epochs = RunLog.readEpochs(run);
        Files.delete(run.resolve(RunLog.METRICS));
        RunLog log = new RunLog(run);
        for (org.fer4j.runs.EpochRecord e : epochs) {
            // every second epoch and the last, fold 1 reading 0.2 more expression from z_n than fold 0
            boolean probed = e.epoch() % 2 == 0 || e.epoch() == 5;
            log.append(!probed ? e : e.withProbes(new org.fer4j.runs.EpochProbes(
                    Map.of("z_e", 0.5 + 0.05 * e.epoch(), "z_n", 0.3 + 0.2 * e.fold()),
                    Map.of("z_e", 0.25, "z_n", 0.75), Map.of("expression", 1.0 / 3, "subject", 0.5))));
        }
        Element loss = section(build(run), "loss");
        assertThat(loss.select("img.loss-chart")).hasSize(1);
        assertThat(loss.select("img.probe-chart")).hasSize(1);
        assertThat(loss.select("table.probe-curve tr td:first-child").eachText()).containsExactly("2", "4", "5");
        assertThat(loss.select("td[data-probe=expr|z_n]").eachText()).containsOnly("40.00");
        assertThat(loss.select("td[data-probe=expr|z_e]").eachText()).containsExactly("60.00", "70.00", "75.00");
        assertThat(loss.select("td[data-probe=id|z_n]").eachText()).containsOnly("75.00");
        assertThat(loss.select("td[data-probe=chance|id]").eachText()).containsOnly("50.00");
        assertThat(loss.text()).contains("disentanglement curve", "mean over the 2 folds");
        assertEveryImageIsAPng(build(run));
    }

    @Test
    void ablationFolderGivesTable4AndOverlaysTheVariants() throws IOException {
        Path root = tmp.resolve("ablation");
        RunFolderFixture.baseline(root.resolve("baseline"), new long[][] {{5, 5, 0}, {0, 10, 0}, {0, 0, 10}},
                new long[][] {{10, 0, 0}, {0, 10, 0}, {3, 0, 7}});
        RunFolderFixture.write(root.resolve("spl-only"), "SPL only", "BASELINE", true, RunFolderFixture.FOLD1,
                RunFolderFixture.FOLD1);
        RunFolderFixture.spndl(root.resolve("ndf-spl-spndl"));
        new RunLog(root).writeJson("ablation.json", Map.of("dataset", "fixture", "folds", 2, "wall_seconds", 61.0,
                "variants", List.of(Map.of("name", "baseline", "run_dir", "baseline"),
                        Map.of("name", "SPL only", "run_dir", "spl-only"),
                        Map.of("name", "NDF + SPL (SPNDL)", "run_dir", "ndf-spl-spndl"))));
        Document d = build(root);
        Elements rows = section(d, "metrics").select("table.table4 tr.method");
        assertThat(rows.eachAttr("data-run")).containsExactly("baseline", "SPL only", "NDF + SPL (SPNDL)");
        assertThat(rows.get(0).selectFirst("td.accuracy").text()).isEqualTo("86.67 ± 4.71");
        assertThat(rows.get(1).selectFirst("td.accuracy").text()).isEqualTo("80.00 ± 0.00");
        assertThat(rows.get(2).selectFirst("td.accuracy").text()).isEqualTo("81.67 ± 2.36");
        assertThat(rows.get(2).select("td.fold-accuracy").eachText()).containsExactly("83.33", "80.00");
        // Fig. 5 with and without NDF: the two self-paced variants, not the baseline.
        Element pace = section(d, "pace-accuracy");
        assertThat(pace.select("table.paces th").eachText()).containsExactly("pace", "SPL only", "NDF + SPL (SPNDL)");
        assertThat(section(d, "confusion").select("figure.panel")).hasSize(3);
        assertThat(section(d, "provenance").select("a").eachAttr("href")).containsExactly("baseline/report.html",
                "spl-only/report.html", "ndf-spl-spndl/report.html");
        assertThat(section(d, "provenance").text()).contains("61.0 s");
        assertThat(d.select("section[data-section=tsne]").eachAttr("data-run"))
                .containsExactly("baseline", "SPL only", "NDF + SPL (SPNDL)");
        assertThat(section(d, "adversarial").attr("data-state")).isEqualTo("absent");
    }

    @Test
    void comparisonNamesEachRunAndRejectsFoldersThatAreNotRuns() throws IOException {
        Path a = RunFolderFixture.spndl(tmp.resolve("a"));
        Path b = RunFolderFixture.adversarial(tmp.resolve("b"));
        Path out = ReportWriter.compare(List.of(a, b), tmp.resolve("cmp.html"), FAST);
        Document d = Jsoup.parse(Files.readString(out));
        assertThat(section(d, "metrics").select("table.table4 tr.method").eachAttr("data-run"))
                .containsExactly("a / NDF + SPL (SPNDL)", "b / adversarial (β1 0.5)");
        assertThat(section(d, "provenance").select("table.differences td").eachText()).contains("model.kind", "SPNDL", "ADVERSARIAL");
        assertThat(section(d, "adversarial").select("tr[data-probe=z_e_identity] td.probe-mean").eachText()).containsExactly("25.00");

        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ReportWriter.write(tmp.resolve("empty"), FAST)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a run folder");
        assertThatThrownBy(() -> ReportWriter.write(tmp.resolve("nope"), FAST)).isInstanceOf(IOException.class)
                .hasMessageContaining("no such run folder");
        assertThatThrownBy(() -> new ReportOptions(List.of(), 5, 250, 1)).hasMessageContaining("t-SNE points");
    }

    private static String row(Element scope, String table, String key) {
        for (Element tr : scope.select(table + " tr")) {
            Element th = tr.selectFirst("th");
            if (th != null && th.text().equals(key)) {
                return tr.selectFirst("td").text();
            }
        }
        throw new AssertionError("no row '" + key + "' in " + table);
    }

    static void assertEveryImageIsAPng(Document d) throws IOException {
        Elements imgs = d.select("img");
        assertThat(imgs).isNotEmpty();
        for (Element img : imgs) {
            String src = img.attr("src");
            assertThat(src).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            assertThat(ImageIO.read(new ByteArrayInputStream(png))).as(img.attr("alt")).isNotNull();
        }
    }

    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            }
        } else {
            Files.delete(p);
        }
    }
}
