package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.testing.RunFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer4j report}: rebuild, compare, bad input, and a report failure never failing the run. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    @Test
    void rebuildsOneFolderAndComparesSeveral() throws Exception {
        Path a = RunFolderFixture.spndl(tmp.resolve("a"));
        Path b = RunFolderFixture.adversarial(tmp.resolve("b"));
        CliTest.Run one = run("report", a.toString(), "--tsne-points", "50", "--tsne-iterations", "100");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("report: ").contains("report.html");
        assertThat(Files.readString(a.resolve("report.html"))).contains("data-section=\"tsne\"").contains("NDF + SPL (SPNDL)");

        Path out = tmp.resolve("cmp.html");
        CliTest.Run both = run("report", a.toString(), b.toString(), "--out", out.toString(), "--tsne-classes", "anger,happiness",
                "--tsne-points", "50", "--tsne-iterations", "100");
        assertThat(both.code()).as(both.err()).isZero();
        String html = Files.readString(out);
        assertThat(html).contains("a / NDF + SPL (SPNDL)").contains("b / adversarial").contains("classes anger, happiness");
    }

    @Test
    void badInputExitsWithTwoAndSaysWhy() throws Exception {
        CliTest.Run missing = run("report", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(missing.err()).contains("no such run folder");
        Files.createDirectories(tmp.resolve("empty"));
        CliTest.Run empty = run("report", tmp.resolve("empty").toString());
        assertThat(empty.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(empty.err()).contains("is not a run folder");
        CliTest.Run points = run("report", RunFolderFixture.spndl(tmp.resolve("r")).toString(), "--tsne-points", "1");
        assertThat(points.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(points.err()).contains("t-SNE points must be in 10..3000");
    }

    @Test
    void aReportThatCannotBeWrittenOnlyWarns() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        StringWriter err = new StringWriter();
        Reports.tryWrite(notAFolder, new PrintWriter(err, true));
        assertThat(err.toString()).contains("warning: could not write").contains("fer4j report");
        // A run folder whose report cannot be stored (report.html is a folder) warns too.
        Path run = RunFolderFixture.spndl(tmp.resolve("run"));
        Files.createDirectories(run.resolve("report.html"));
        StringWriter err2 = new StringWriter();
        Reports.tryWrite(run, new PrintWriter(err2, true));
        assertThat(err2.toString()).contains("warning: could not write");
    }
}
