package org.fer4j.report;

import org.fer4j.testing.Fits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.fer4j.data.InMemoryFaces;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.testing.TinyFaces;
import org.fer4j.training.Pace;
import org.fer4j.runs.RunLog;
import org.fer4j.training.SelfPacedConfig;
import org.fer4j.training.TrainConfig;
import org.fer4j.training.TrainingLoop;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report reads what the real training loop records (not only the hand-written fixture). */
class RecordedByTrainingTest {
    @TempDir
    Path dir;

    @Test
    void reportMatchesWhatTheTrainingLoopRecorded() throws Exception {
        try (InMemoryFaces store = InMemoryFaces.load(TinyFaces.dataset(2, 4, 1), Preprocessing.rgb(32), true)) {
            int[] train = IntStream.range(0, store.size()).filter(i -> i % 3 != 0).toArray();
            int[] test = IntStream.range(0, store.size()).filter(i -> i % 3 == 0).toArray();
            ModelSpec spec = new ModelSpec(ModelKind.SPNDL, 1.0 / 16, store.preprocessing(), store.labels());
            TrainConfig cfg = new TrainConfig(3, 8, 3e-3, 0.9, 0.999, 7, false, 0.02, 0.5);
            SelfPacedConfig spl = new SelfPacedConfig(true, List.of(0.5, 1.0), 1);
            try (TrainingLoop.Result r = Fits.recorded(spec, cfg, spl, store, new RunLog(dir),
                    TrainingLoop.Options.of(0), true).fit(train, new int[0], test)) {
                Document d = Jsoup.parse(ReportWriter.render(dir, ReportWriterTest.FAST));
                Element fold = d.getElementById("metrics").selectFirst("tr.fold[data-fold=0]");
                assertThat(Double.parseDouble(fold.selectFirst("td.accuracy").attr("data-value")))
                        .isCloseTo(r.test().accuracy(), within(1e-12));
                assertThat(d.getElementById("pace-accuracy").select("tr[data-pace]").eachAttr("data-pace"))
                        .containsExactly("0", "1", "2");
                assertThat(d.getElementById("loss").select("table.epochs td.loss")).hasSize(3);
                assertThat(d.getElementById("tsne").select("figure.tsne").eachAttr("data-pace")).containsExactly("1", "2");
                Pace first = r.paces().get(0);
                Element pace1 = d.getElementById("thumbnails").selectFirst("div.pace-excluded[data-pace=1]");
                assertThat(pace1.attr("data-excluded")).isEqualTo(Integer.toString(first.excluded().length));
                assertThat(pace1.select("img.thumb")).hasSize(Math.min(16, first.excluded().length));
                long wrong = IntStream.range(0, test.length)
                        .filter(i -> r.testPredictions().predicted(i) != r.testPredictions().labels()[i]).count();
                assertThat(d.getElementById("thumbnails").select("tr.mistake")).hasSize((int) Math.min(12, wrong));
                assertThat(d.getElementById("thumbnails").select("tr.mistake img.thumb")).hasSize((int) Math.min(12, wrong));
                ReportWriterTest.assertEveryImageIsAPng(d);
            }
        }
    }
}
