package org.fer4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.bench.BenchConfig;
import org.fer4j.bench.BenchReport;
import org.fer4j.bench.BenchResult;
import org.fer4j.bench.Benchmarks;
import org.fer4j.bench.Machine;
import org.fer4j.bench.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fer4j bench}: times fer4j's own training steps, inference, data pipeline, one epoch and a
 * memory soak, prints a table and writes JSON. {@code bench/compare.sh} runs it alternately with
 * PyTorch in Python on the same workloads.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark fer4j's training steps, inference, data pipeline, one epoch and memory; table + JSON.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", split = ",", defaultValue = "all",
            description = "Comma list of: all, train, paired, twobranch, adversarial, optimizer, infer, latency, onnx-infer, onnx-latency, pipeline, epoch, soak (default: ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = "--res", defaultValue = "112", description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
    @Range(min = 32, max = 1024)
    int res;

    @Option(names = "--batch", defaultValue = "32", description = "Training batch: images, or pairs for paired (default: ${DEFAULT-VALUE}).")
    @Range(min = 2, max = 4096, why = "BatchNorm needs two images to train")
    int batch;

    @Option(names = "--infer-batch", defaultValue = "64", description = "Inference batch for 'infer' (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 4096)
    int inferBatch;

    @Option(names = "--width", defaultValue = "1.0", description = "ResNet-18 width multiplier (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 4, minExclusive = true)
    double width;

    @Option(names = "--steps", defaultValue = "12", description = "Timed steps per workload (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1_000_000)
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1_000_000)
    int warmup;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32 only in this build; bf16 is refused with the reason (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--latency-steps", defaultValue = "100", description = "Timed batch-1 forwards for p50/p99 (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1_000_000)
    int latencySteps;

    @Option(names = "--soak-steps", defaultValue = "2000", description = "Training steps of the memory soak (default: ${DEFAULT-VALUE}).")
    @Range(min = 2, max = 10_000_000)
    int soakSteps;

    @Option(names = "--subjects", defaultValue = "20", description = "Synthetic subjects for pipeline and epoch (7 classes x 3 images each) (default: ${DEFAULT-VALUE}).")
    @Range(min = 2, max = 100_000)
    int subjects;

    @Option(names = "--no-fold", description = "Inference without folding BatchNorm into the convolutions.")
    boolean noFold;

    @Option(names = "--threads", defaultValue = "0", description = "libtorch intra-op threads; 0 keeps libtorch's default (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1024, why = "0: libtorch's choice")
    int threads;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--profile", paramLabel = "DIR", description = "Training workloads (train, paired, twobranch,"
            + " adversarial): write libtorch's operator profile of the timed steps to DIR/WORKLOAD.trace.json (Chrome"
            + " trace format; bench/op_profile.py sets it beside PyTorch's).")
    Path profile;

    @Option(names = "--json", description = "Also write the results with machine and sizes to this JSON file.")
    Path json;

    @Option(names = "--json-lines", description = "Print one JSON line per result instead of the table (for scripts).")
    boolean jsonLines;

    @Override
    public Integer call() throws Exception {
        requireFp32(precision);
        BenchConfig config = new BenchConfig(res, batch, inferBatch, width, steps, warmup, seed, latencySteps,
                soakSteps, !noFold, subjects);
        List<Workload> chosen = chosen();
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
        }
        Machine.setThreads(threads);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> env = new LinkedHashMap<>(Versions.all());
        env.putAll(Machine.describe());
        if (!jsonLines) {
            out.printf("fer4j bench: %s (flags %s), %s cores, %s intra-op threads, malloc %s, oneDNN ISA %s; %s%n",
                    env.get("cpu"), env.get("cpu_flags"), env.get("cores"), env.get("intra_op_threads"), env.get("allocator"),
                    env.get("onednn_isa"), config);
            out.flush();
        }
        if (profile != null) {
            if (chosen.stream().noneMatch(Workload::isTrainingStep)) {
                throw new IllegalArgumentException("--profile " + profile + ": profiles the training workloads (train, paired,"
                        + " twobranch, adversarial); none is chosen");
            }
            if (Files.exists(profile) && !Files.isDirectory(profile)) {
                throw new IllegalArgumentException("--profile " + profile + ": not a folder");
            }
            Files.createDirectories(profile);
        }
        Benchmarks bench = new Benchmarks(config, profile);
        List<BenchResult> results = new ArrayList<>();
        ObjectMapper lines = new ObjectMapper();
        for (Workload w : chosen) {
            for (BenchResult r : bench.run(w)) {
                results.add(r);
                if (jsonLines) {
                    // each line names the oneDNN cap: on a processor whose gradients are wrong uncapped, fer4j's training
                    // rows run capped at AVX (docs/PLATFORMS.md) and compare.sh must say so beside PyTorch's
                    Map<String, Object> line = new LinkedHashMap<>(r.toJson());
                    line.put("onednn_isa", env.get("onednn_isa"));
                    out.println(lines.writeValueAsString(line));
                    out.flush();
                }
            }
        }
        if (!jsonLines) {
            out.println();
            BenchReport.printTable(results, out);
        }
        if (json != null) {
            BenchReport.writeJson(json, env, config, results);
            if (!jsonLines) {
                out.println("wrote " + json.toAbsolutePath());
            }
        }
        return 0;
    }

    /**
     * bfloat16 cannot be offered on DJL 0.32: its PyTorch JNI maps only DJL's first nine data types, and a
     * bfloat16 array (for instance {@code toType(DataType.BFLOAT16)}) aborts the whole process in native
     * code. Refuse it with the reason rather than crash.
     */
    static void requireFp32(String precision) {
        String p = precision.trim().toLowerCase(java.util.Locale.ROOT);
        if (p.equals("fp32") || p.equals("float32")) {
            return;
        }
        if (p.equals("bf16") || p.equals("bfloat16")) {
            throw new IllegalArgumentException("--precision bf16 is not available: DJL " + ai.djl.engine.Engine.getDjlVersion()
                    + "'s PyTorch JNI has no bfloat16 data type (converting an array to BFLOAT16 aborts the process), so"
                    + " convolutions cannot run in bf16 from Java; " + (Machine.hasBf16Units()
                    ? "this processor does have bf16 units" : "this processor has no AVX-512-BF16/AMX units either")
                    + ". See docs/PERFORMANCE.md. Use --precision fp32.");
        }
        throw new IllegalArgumentException("unknown precision '" + precision + "'; expected fp32 (bf16: see docs/PERFORMANCE.md)");
    }

    private List<Workload> chosen() {
        if (workloads.stream().anyMatch(w -> w.trim().equalsIgnoreCase("all"))) {
            return Arrays.asList(Workload.values());
        }
        return workloads.stream().map(Workload::parse).distinct().toList();
    }
}
