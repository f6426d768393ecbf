package org.fer4j.onnx.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.batches.PairedBatch;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.inference.BatchClassifier;
import org.fer4j.onnx.OnnxModelInfo;

/**
 * An exported fer4j model in ONNX Runtime: one {@link OrtSession} (graph optimisation level ALL,
 * intra-op threads set) shared by every thread that calls it, inputs handed over in direct buffers that
 * ONNX Runtime reads in place. It is a {@link BatchClassifier}, so {@code Predictor} and evaluation run
 * on it unchanged, and it never touches DJL's engine: an ONNX-only process does not load libtorch.
 *
 * <p>Opening checks that the file is a fer4j export whose inputs fit its own metadata (names, channels,
 * image size), so a file of another model or another input size is refused by name before any image.
 */
public final class OnnxClassifier implements BatchClassifier, AutoCloseable {
    private final Path file;
    private final OnnxModelInfo info;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int threads;
    private final ThreadLocal<FloatBuffer[]> staging = ThreadLocal.withInitial(() -> new FloatBuffer[2]);

    /** The two outputs of one batch, row-major: logits (batch × classes) and features (batch × feature size). */
    public record Outputs(float[] logits, float[] features, int batch) {
    }

    private OnnxClassifier(Path file, OnnxModelInfo info, OrtEnvironment env, OrtSession session, int threads) {
        this.file = file;
        this.info = info;
        this.env = env;
        this.session = session;
        this.threads = threads;
    }

    /** Opens {@code file} with the default settings (intra-op threads: the number of cores). */
    public static OnnxClassifier open(Path file) throws IOException {
        return builder().build(file);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of the session; {@code optX} methods keep the default when not called. */
    public static final class Builder {
        private int intraOpThreads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /** ONNX Runtime's intra-op threads (one operator across cores); default the number of cores. */
        public Builder optIntraOpThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("intra-op threads must be at least 1, got " + n);
            }
            intraOpThreads = n;
            return this;
        }

        /**
         * Loads and checks the model.
         *
         * @throws IOException naming the file when it is missing, not ONNX, not a fer4j export, or its
         *                     inputs disagree with its metadata
         */
        public OnnxClassifier build(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": no such ONNX file" + (Files.isDirectory(file)
                        ? " (a folder; with --engine onnx give the file written by 'fer4j export')" : ""));
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.setIntraOpNumThreads(intraOpThreads);
                options.setInterOpNumThreads(1);
                session = env.createSession(file.toString(), options);
            } catch (OrtException e) {
                throw new IOException(file + ": not an ONNX model ONNX Runtime can load (" + firstLine(e) + ")", e);
            }
            try {
                OnnxModelInfo info = OnnxModelInfo.fromProperties(file, session.getMetadata().getCustomMetadata());
                checkInputs(file, info, session.getInputInfo());
                if (!session.getOutputNames().contains(OnnxModelInfo.LOGITS)) {
                    throw new IOException(file + ": has no '" + OnnxModelInfo.LOGITS + "' output");
                }
                return new OnnxClassifier(file, info, env, session, intraOpThreads);
            } catch (IOException | RuntimeException e) {
                closeQuietly(session);
                throw e;
            } catch (OrtException e) {
                closeQuietly(session);
                throw new IOException(file + ": " + firstLine(e), e);
            }
        }
    }

    private static void checkInputs(Path file, OnnxModelInfo info, Map<String, NodeInfo> inputs) throws IOException {
        if (!inputs.keySet().equals(new java.util.HashSet<>(info.inputNames()))) {
            throw new IOException(file + ": inputs " + inputs.keySet() + " do not match its metadata, which says a "
                    + info.kind() + " model takes " + info.inputNames());
        }
        Preprocessing pre = info.preprocessing();
        long[] want = {-1, pre.channels(), pre.size(), pre.size()};
        for (Map.Entry<String, NodeInfo> in : inputs.entrySet()) {
            long[] got = in.getValue().getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
            if (got.length != 4 || got[1] != want[1] || got[2] != want[2] || got[3] != want[3]) {
                throw new IOException(file + ": input '" + in.getKey() + "' has shape " + Arrays.toString(got)
                        + " but its metadata preprocesses images to " + pre.channels() + "x" + pre.size() + "x"
                        + pre.size() + " (batch x " + pre.channels() + " x " + pre.size() + " x " + pre.size()
                        + " expected); it is not an unchanged fer4j export");
            }
        }
    }

    /** The file this model was loaded from. */
    public Path file() {
        return file;
    }

    /** What the file's metadata says about the model. */
    public OnnxModelInfo info() {
        return info;
    }

    /** The intra-op threads the session runs with. */
    public int intraOpThreads() {
        return threads;
    }

    @Override
    public Preprocessing preprocessing() {
        return info.preprocessing();
    }

    @Override
    public LabelSet labels() {
        return info.labels();
    }

    @Override
    public boolean needsNeutral() {
        return info.needsNeutral();
    }

    @Override
    public String kindName() {
        return info.kind();
    }

    @Override
    public float[] probabilities(PairedBatch batch) {
        float[] logits = run(batch, false).logits();
        int k = info.labels().size();
        for (int row = 0; row < batch.batchSize(); row++) {
            softmaxInPlace(logits, row * k, k);
        }
        return logits;
    }

    /** Logits and, when asked, features of a preprocessed batch. */
    public Outputs run(PairedBatch batch, boolean withFeatures) {
        Preprocessing pre = info.preprocessing();
        if (batch.channels() != pre.channels() || batch.size() != pre.size()) {
            throw new IllegalArgumentException(file + ": takes " + pre.channels() + "x" + pre.size() + "x" + pre.size()
                    + " images, got a batch of " + batch.channels() + "x" + batch.size() + "x" + batch.size());
        }
        if (info.needsNeutral() && !batch.paired()) {
            throw new IllegalArgumentException(file + ": a " + info.kind() + " model needs neutral references, the batch has none");
        }
        long[] shape = {batch.batchSize(), pre.channels(), pre.size(), pre.size()};
        FloatBuffer[] buffers = staging.get();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            inputs.put(OnnxModelInfo.TARGET, OnnxTensor.createTensor(env, stage(buffers, 0, batch.targets()), shape));
            if (info.needsNeutral()) {
                inputs.put(OnnxModelInfo.NEUTRAL, OnnxTensor.createTensor(env, stage(buffers, 1, batch.neutrals()), shape));
            }
            var names = withFeatures ? java.util.Set.of(OnnxModelInfo.LOGITS, OnnxModelInfo.FEATURES)
                    : java.util.Set.of(OnnxModelInfo.LOGITS);
            try (OrtSession.Result result = session.run(inputs, names)) {
                float[] logits = read((OnnxTensor) result.get(OnnxModelInfo.LOGITS).orElseThrow());
                float[] features = withFeatures ? read((OnnxTensor) result.get(OnnxModelInfo.FEATURES).orElseThrow()) : null;
                return new Outputs(logits, features, batch.batchSize());
            }
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime failed (" + firstLine(e) + ")", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Copies {@code values} into this thread's direct buffer (grown when needed), which ONNX Runtime reads in place. */
    private static FloatBuffer stage(FloatBuffer[] buffers, int slot, float[] values) {
        FloatBuffer b = buffers[slot];
        if (b == null || b.capacity() < values.length) {
            b = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            buffers[slot] = b;
        }
        b.clear();
        b.put(values);
        b.flip();
        return b;
    }

    private static float[] read(OnnxTensor tensor) {
        FloatBuffer fb = tensor.getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    private static void softmaxInPlace(float[] v, int offset, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, v[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(v[offset + j] - max);
        }
        for (int j = 0; j < k; j++) {
            v[offset + j] = (float) (Math.exp(v[offset + j] - max) / sum);
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // closing after a failed check: the check's error is the one to report
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": closing the ONNX Runtime session failed", e);
        }
    }
}
