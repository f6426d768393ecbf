package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fer4j.testing.SafeTensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --cache / --no-cache, --class-balance and --pretrained from the command line. */
class ScaleOptionsCliTest {
    static final String[] TINY = {"--dataset", "synth", "--subjects", "4", "--images-per-class", "1",
            "--width", "0.0625", "--image-size", "32", "--batch-size", "8", "--no-spl", "--no-progress", "--val-fraction", "0", "--holdout-folds", "2"};

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fer4j.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static List<String> train(String... extra) {
        List<String> a = new ArrayList<>(List.of("train"));
        a.addAll(List.of(TINY));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void theCachedAndTheInMemoryStoreGiveTheSameNumbers() throws Exception {
        Path cache = dir.resolve("cache");
        Run cached = run(train("--model", "spndl", "--epochs", "1", "--class-balance", "sampling", "--cache", cache.toString(),
                "--out", dir.resolve("cached").toString()));
        assertThat(cached.code()).as(cached.err()).isZero();
        assertThat(cached.err()).contains("face cache").contains("decoded");
        Run memory = run(train("--model", "spndl", "--epochs", "1", "--class-balance", "sampling", "--no-cache",
                "--out", dir.resolve("memory").toString()));
        assertThat(memory.code()).as(memory.err()).isZero();
        assertThat(memory.err()).doesNotContain("face cache");

        assertThat(Files.readString(dir.resolve("cached/fold-0/eval.json")))
                .isEqualTo(Files.readString(dir.resolve("memory/fold-0/eval.json")));
        assertThat(Files.readString(dir.resolve("cached/fold-0/predictions.csv")))
                .isEqualTo(Files.readString(dir.resolve("memory/fold-0/predictions.csv")));
        assertThat(losses(dir.resolve("cached"))).isEqualTo(losses(dir.resolve("memory")));
        Map<?, ?> config = new ObjectMapper().readValue(dir.resolve("cached/config.json").toFile(), Map.class);
        assertThat(((Map<?, ?>) config.get("train")).get("classBalance")).isEqualTo("SAMPLING");
        assertThat(((Map<?, ?>) config.get("face_store")).get("kind")).isEqualTo("cache");
        try (Stream<Path> s = Files.walk(cache)) {
            assertThat(s.filter(p -> p.toString().endsWith(".bin")).count()).isPositive();
        }
        // evaluating on the same set reuses every crop
        Run again = run(List.of("evaluate", "--model", dir.resolve("cached/fold-0/model").toString(), "--dataset", "synth",
                "--subjects", "4", "--images-per-class", "1", "--cache", cache.toString()));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains(" 0 decoded");
        assertThat(again.err()).contains(" 0 decoded");
    }

    @Test
    void pretrainedWeightsLoadIntoBothBackbonesOrFailBeforeTraining() throws Exception {
        Path good = SafeTensorsWriter.write(dir.resolve("r18.safetensors"),
                SafeTensorsWriter.torchvisionTensors(16, new LinkedHashMap<>()), Map.of("format", "pt"));
        Run ok = run(train("--model", "spndl-nn", "--epochs", "1", "--pretrained", good.toString(), "--no-cache",
                "--out", dir.resolve("pre").toString()));
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("100 tensors loaded into expression and neutral");
        Map<?, ?> report = new ObjectMapper().readValue(dir.resolve("pre/pretrained.json").toFile(), Map.class);
        assertThat((List<?>) report.get("missing")).isEmpty();
        Map<?, ?> config = new ObjectMapper().readValue(dir.resolve("pre/config.json").toFile(), Map.class);
        Map<?, ?> options = (Map<?, ?>) ((Map<?, ?>) config.get("model")).get("options");
        assertThat(options.get("pretrained")).isEqualTo(good.toAbsolutePath().toString());
        assertThat(options.get("nn.init.noise")).isEqualTo("0.0");

        Path wide = SafeTensorsWriter.write(dir.resolve("wide.safetensors"),
                SafeTensorsWriter.torchvisionTensors(8, new LinkedHashMap<>()), Map.of());
        Run bad = run(train("--model", "baseline", "--epochs", "1", "--pretrained", wide.toString(), "--out", dir.resolve("bad").toString()));
        assertThat(bad.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(bad.err()).contains("wide.safetensors").contains("conv1.weight (file 8x3x7x7, model 4x3x7x7)")
                .contains("--width 0.125");
        assertThat(dir.resolve("bad/fold-0")).doesNotExist();

        Run gone = run(train("--epochs", "1", "--pretrained", dir.resolve("nope.safetensors").toString(), "--out", dir.resolve("gone").toString()));
        assertThat(gone.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(gone.err()).contains("nope.safetensors").contains("not found");
    }

    @Test
    void contradictoryOrUnknownOptionsAreBadInput() {
        Run both = run(train("--epochs", "1", "--cache", dir.resolve("c").toString(), "--no-cache", "--out", dir.resolve("a").toString()));
        assertThat(both.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(both.err()).contains("--cache and --no-cache");
        Run balance = run(train("--epochs", "1", "--class-balance", "square", "--out", dir.resolve("b").toString()));
        assertThat(balance.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(balance.err()).contains("none, weights or sampling");
        Run partial = run(train("--epochs", "1", "--pretrained-partial", "--out", dir.resolve("c").toString()));
        assertThat(partial.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(partial.err()).contains("need --pretrained");
    }

    private static List<Object> losses(Path run) throws Exception {
        List<Object> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            Map<?, ?> m = new ObjectMapper().readValue(line, Map.class);
            out.add(m.get("loss"));
            out.add(m.get("test_accuracy"));
        }
        return out;
    }
}
