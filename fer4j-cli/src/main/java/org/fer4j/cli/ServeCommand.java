package org.fer4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fer4j.serve.FerServer;
import org.fer4j.serve.ServeOptions;
import org.fer4j.serve.ServedModel;
import org.fer4j.vision.detect.FaceDetectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fer4j serve}: the HTTP API and web page (fer4j-serve) over a model loaded once, optionally with a
 * paired SPNDL model for per-person calibration; runs until SIGINT/SIGTERM. docs/SERVING.md has the API.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve predictions over HTTP (JSON API, micro-batching, web page at /); binds 127.0.0.1 unless --host says otherwise.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model folder written by train (RUN/fold-0/model), or an .onnx"
            + " file with --engine onnx: answers plain predictions.")
    Path model;

    @Option(names = "--paired-model", description = "A paired SPNDL model (folder, or .onnx file with --engine onnx) for calibrated"
            + " predictions (a 'neutral' image or an enrolled person). When --model itself is paired it is the calibrated one.")
    Path pairedModel;

    @picocli.CommandLine.Mixin
    EngineOptions engine;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the server to the network).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 65_535)
    int port;

    @Option(names = "--batch-wait-ms", defaultValue = "5", description = "How long a face waits for others to share its forward pass (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 10_000)
    int batchWaitMs;

    @Option(names = "--max-batch", defaultValue = "32", description = "Most faces in one forward pass (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 4096)
    int maxBatch;

    @Option(names = "--no-batching", description = "Run each request's faces alone (for comparison).")
    boolean noBatching;

    @Option(names = "--no-warmup", description = "Start listening at once instead of first running the model at every batch size it will use.")
    boolean noWarmup;

    @Option(names = "--queue", defaultValue = "512", description = "Faces waiting for the model at most; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1_000_000)
    int queue;

    @Option(names = "--max-body-mb", defaultValue = "10", description = "Largest request body in MiB (default: ${DEFAULT-VALUE}).")
    @Range(min = 0.001, max = 1024)
    double maxBodyMb;

    @Option(names = "--max-megapixels", defaultValue = "40", description = "Largest image, read from its header before decoding (default: ${DEFAULT-VALUE}).")
    @Range(min = 0.01, max = 100)
    double maxMegapixels;

    @Option(names = "--rate", defaultValue = "50", description = "API requests per second per client address; 0 turns the limit off (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1e6)
    double rate;

    @Option(names = "--burst", defaultValue = "100", description = "Requests a client may send at once before --rate applies (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1_000_000)
    int burst;

    @Option(names = "--decode-timeout-ms", defaultValue = "5000", description = "An image taking longer to decode is refused (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 600_000)
    int decodeTimeoutMs;

    @Option(names = "--idle-timeout-ms", defaultValue = "30000", description = "A connection silent this long is closed (default: ${DEFAULT-VALUE}).")
    @Range(min = 100, max = 3_600_000)
    int idleTimeoutMs;

    @Option(names = "--detector", defaultValue = FaceDetectors.DEFAULT, description = "Face detector: haar or blazeface (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--detectors", defaultValue = "2", description = "Detector instances, one request each at a time (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 256)
    int detectors;

    @Option(names = "--min-face", defaultValue = "24", description = "Smallest face side in pixels (default: ${DEFAULT-VALUE}).")
    @Range(min = 24, max = 12_000)
    int minFace;

    @Option(names = "--people", description = "Folder keeping enrolled neutral faces across restarts (default: memory only).")
    Path people;

    /** Stops a running server (tests); the process's own stop is SIGINT/SIGTERM. */
    final CountDownLatch stop = new CountDownLatch(1);
    volatile FerServer running;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ServeOptions options = ServeOptions.builder().optHost(host).optPort(port).optBatching(!noBatching)
                .optBatchWaitMs(batchWaitMs).optMaxBatch(maxBatch).optQueueFaces(queue)
                .optMaxBodyBytes((long) (maxBodyMb * (1 << 20))).optMaxPixels((long) (maxMegapixels * 1e6))
                .optRateLimit(rate, burst).optDecodeTimeoutMs(decodeTimeoutMs).optIdleTimeoutMs(idleTimeoutMs)
                .optDetector(detector).optDetectors(detectors).optMinFace(minFace).optPeopleDir(people).optWarmup(!noWarmup).build();
        FaceDetectors.open(detector, new FaceDetectors.Options(minFace, 0)).close(); // an unknown or missing detector fails here, with its fix
        try (ServedModel primary = load(model);
             ServedModel paired = pairedModel == null ? null : load(pairedModel);
             FerServer server = FerServer.start(primary, paired, options)) {
            running = server;
            Thread hook = new Thread(stop::countDown, "fer4j-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("fer4j: serving " + primary.id() + (paired == null ? "" : " and " + paired.id() + " (calibrated)")
                    + " at " + server.url() + "/ (Ctrl-C stops)");
            err.flush();
            stop.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what woke us
            }
        }
        return 0;
    }

    /** {@code path} on the {@code --engine}: one classifier (one ONNX Runtime session) shared by every request thread. */
    private ServedModel load(Path path) throws java.io.IOException {
        EngineModel m = EngineModel.open(engine.engine, path);
        return new ServedModel(ServedModel.idOf(path), m.classifier(), m.provenance(), m);
    }
}
