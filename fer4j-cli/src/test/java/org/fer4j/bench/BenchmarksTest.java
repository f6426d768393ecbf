package org.fer4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.cli.Fer4j;
import org.fer4j.training.ConvolutionGradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksTest {
    static BenchConfig tiny() {
        return new BenchConfig(32, 4, 3, 0.0625, 3, 1, 5, 4, 20, true, 2);
    }

    @Test
    void quantilesFollowTheReferenceScript() {
        // torch_reference.py: median = statistics.median, q(p) = sorted[min(n-1, int(p*n))]
        StepStats s = StepStats.of(List.of(0.5, 0.1, 0.4, 0.2, 0.3, 0.6));
        assertThat(s.median()).isEqualTo(0.35, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.p10()).isEqualTo(0.1);
        assertThat(s.p90()).isEqualTo(0.6);
        assertThat(s.p99()).isEqualTo(0.6);
        assertThat(StepStats.of(List.of(3.0, 1.0, 2.0)).median()).isEqualTo(2.0);
    }

    @Test
    void aProfileHoldsTheTimedStepsOperatorsAndIsRefusedWithoutATrainingWorkload(@TempDir Path dir) throws Exception {
        Path prof = dir.resolve("prof");
        java.nio.file.Files.createDirectories(prof);
        new Benchmarks(tiny(), prof).run(Workload.TRAIN);
        JsonNode trace = new ObjectMapper().readTree(prof.resolve("train.trace.json").toFile());
        assertThat(trace.isArray()).isTrue();
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        trace.forEach(e -> counts.merge(e.path("name").asText(), 1, Integer::sum));
        // 3 timed steps of ResNet-18 (20 convolutions each), the warm-up step left out; a backward and BatchNorm per step
        assertThat(counts.getOrDefault("aten::convolution_backward", 0)).isEqualTo(3 * 20);
        assertThat(counts).containsKey("aten::native_batch_norm_backward");
        assertThat(prof.resolve("train.trace.json.tmp")).doesNotExist();

        StringWriter err = new StringWriter();
        int code = Fer4j.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "bench", "--workload", "infer",
                "--profile", dir.resolve("p2").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--profile").contains("training workloads");
    }

    @Test
    void trainingAndInferenceRowsAreMeasuredAndAMissingModelIsSkippedWithAReason() throws Exception {
        Benchmarks b = new Benchmarks(tiny());
        BenchResult paired = b.run(Workload.PAIRED).get(0);
        assertThat(paired.skipped()).isNull();
        assertThat(paired.items()).isEqualTo("pairs");
        assertThat(paired.stats().count()).isEqualTo(3);
        assertThat(paired.itemsPerSecond()).isEqualTo(4 / paired.stats().median());
        assertThat(paired.peakRssMb()).isPositive();

        BenchResult latency = b.run(Workload.LATENCY).get(0);
        assertThat(latency.batch()).isEqualTo(1);
        assertThat(latency.stats().count()).isEqualTo(4);
        assertThat(latency.extra()).containsEntry("batchnorm_folded", true).containsKey("latency_ms_p99");

        BenchResult onnx = b.run(Workload.ONNX_LATENCY).get(0);
        assertThat(onnx.batch()).isEqualTo(1);
        assertThat(onnx.stats().count()).isEqualTo(4);
        assertThat(onnx.extra()).containsEntry("engine", "onnxruntime").containsKey("latency_ms_p99");

        BenchResult adversarial = b.run(Workload.ADVERSARIAL).get(0);
        if (adversarial.skipped() != null) { // until the adversarial model lands
            assertThat(adversarial.skipped()).contains("adversarial");
            assertThat(adversarial.toJson()).containsKey("skipped").doesNotContainKey("items_per_s");
        } else {
            assertThat(adversarial.stats().count()).isEqualTo(3);
        }
    }

    @Test
    void pipelineDecodesFromPngFilesEpochRunsTheLoopAndSoakReportsGrowth() throws Exception {
        Benchmarks b = new Benchmarks(tiny());
        List<BenchResult> pipeline = b.run(Workload.PIPELINE);
        assertThat(pipeline).extracting(BenchResult::name).containsExactly("pipeline-decode", "pipeline-batches");
        // 2 subjects × 7 classes × 3 images, each target decoded with its neutral reference
        assertThat(pipeline.get(0).batch()).isEqualTo(2 * 7 * 3 * 2);
        assertThat(pipeline.get(0).extra()).containsEntry("source_px", 64);
        assertThat(pipeline.get(1).batch()).isEqualTo(2 * 4);
        BenchResult epoch = b.run(Workload.EPOCH).get(0);
        assertThat(epoch.batch()).isEqualTo(2 * 7 * 3);
        assertThat(epoch.itemsPerSecond()).isPositive();
        BenchResult soak = b.run(Workload.SOAK).get(0);
        assertThat(soak.stats().count()).isEqualTo(20);
        assertThat(soak.extra()).containsKeys("rss_growth_mb_per_1000_steps", "non_heap_growth_mb_per_1000_steps");
    }

    @Test
    void commandPrintsATableWritesJsonAndRejectsBadInput(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fer4j.run(new PrintWriter(out), new PrintWriter(err), "bench", "--workload", "train,infer",
                "--res", "32", "--width", "0.0625", "--batch", "2", "--infer-batch", "2", "--steps", "2", "--warmup", "0",
                "--json", json.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("workload").contains("train").contains("infer").contains("images");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("results")).hasSize(2);
        assertThat(doc.get("results").get(0).get("workload").asText()).isEqualTo("train");
        assertThat(doc.get("results").get(0).get("items_per_s").asDouble()).isPositive();
        assertThat(doc.get("environment").get("intra_op_threads").asInt()).isPositive();
        // the oneDNN cap is named in the header and on every JSON line (compare.sh puts it beside PyTorch's)
        String cap = ConvolutionGradientCheck.isaCap() == null ? "all" : ConvolutionGradientCheck.isaCap();
        assertThat(out.toString()).contains("oneDNN ISA " + cap + ";");
        StringWriter lines = new StringWriter();
        assertThat(Fer4j.run(new PrintWriter(lines), new PrintWriter(new StringWriter()), "bench", "--workload", "infer",
                "--res", "32", "--width", "0.0625", "--infer-batch", "2", "--steps", "1", "--warmup", "0", "--json-lines"))
                .isZero();
        JsonNode line = new ObjectMapper().readTree(lines.toString().lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow());
        assertThat(line.get("workload").asText()).isEqualTo("infer");
        assertThat(line.get("onednn_isa").asText()).isEqualTo(cap);

        StringWriter err2 = new StringWriter();
        assertThat(Fer4j.run(new PrintWriter(new StringWriter()), new PrintWriter(err2), "bench", "--workload", "fly"))
                .isEqualTo(Fer4j.BAD_INPUT);
        assertThat(err2.toString()).contains("unknown workload 'fly'");
        StringWriter err3 = new StringWriter();
        assertThat(Fer4j.run(new PrintWriter(new StringWriter()), new PrintWriter(err3), "bench", "--res", "8"))
                .isEqualTo(Fer4j.BAD_INPUT);
        assertThat(err3.toString()).contains("--res");
        StringWriter err4 = new StringWriter();
        assertThat(Fer4j.run(new PrintWriter(new StringWriter()), new PrintWriter(err4), "bench", "--precision", "bf16"))
                .isEqualTo(Fer4j.BAD_INPUT);
        assertThat(err4.toString()).contains("bfloat16").contains("PERFORMANCE.md");
    }
}
