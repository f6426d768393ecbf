package org.fer4j.models;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.models.PretrainedWeights;
import org.fer4j.util.AtomicFiles;

/**
 * A trained (or trainable) expression model: its {@link ModelSpec} plus the network's weights. On disk
 * it is a folder with {@code model.json} (the spec: kind, width, labels, preprocessing, options) and
 * {@code weights.params}; it is written to a temporary folder and renamed, so a crash never leaves a
 * half-written model.
 */
public final class FerModel implements AutoCloseable {
    public static final String SPEC_FILE = "model.json";
    /** The key in {@code model.json} under which the training data's fingerprint, seed and version are kept. */
    public static final String PROVENANCE = "trained_on";
    public static final String WEIGHTS_FILE = "weights.params";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ModelSpec spec;
    private final NDManager manager;
    private final ExpressionNetwork network;
    private boolean closed;
    private PretrainedWeights.Report pretrained;
    private Map<String, String> provenance = Map.of();

    private FerModel(ModelSpec spec, NDManager manager, ExpressionNetwork network) {
        this.spec = spec;
        this.manager = manager;
        this.network = network;
    }

    /**
     * Builds and initialises a fresh network; the seed fixes every initial weight, drawn from the model's
     * own generator (the engine's global random state is left alone) by the spec's {@link Initialisation}
     * (torchvision's unless the spec says otherwise). When the spec names
     * pretrained weights ({@link PretrainedWeights#FILE}) every backbone starts from them.
     *
     * @throws UncheckedIOException when the pretrained file cannot be read
     * @throws IllegalArgumentException when the pretrained weights do not fit (naming the tensors)
     */
    public static FerModel create(ModelSpec spec, long seed) {
        NDManager manager = NDManager.newBaseManager();
        try {
            ExpressionNetwork network = Networks.create(spec);
            network.setInitializer(new SeededInitializer(seed), Parameter.Type.WEIGHT);
            network.initialize(manager, DataType.FLOAT32,
                    network.inputShapes(2, spec.preprocessing().channels(), spec.preprocessing().size()));
            Initialisation.of(spec).apply(network, seed);
            PretrainedWeights.Source source = PretrainedWeights.Source.of(spec);
            PretrainedWeights.Report report = source == null ? null : PretrainedWeights.load(network, source);
            network.afterInitialization(manager, seed);
            for (Parameter p : network.getParameters().values()) {
                p.getArray().setRequiresGradient(p.requiresGradient());
            }
            FerModel model = new FerModel(spec, manager, network);
            model.pretrained = report;
            return model;
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** What loading the pretrained weights did, or null when the model started from scratch or was loaded. */
    public PretrainedWeights.Report pretrainedReport() {
        return pretrained;
    }

    /**
     * Loads a model folder written by {@link #save}.
     *
     * @throws IOException naming the folder when it is not a fer4j model or its weights do not fit its spec
     */
    public static FerModel load(Path dir) throws IOException {
        Path specFile = dir.resolve(SPEC_FILE);
        Path weights = dir.resolve(WEIGHTS_FILE);
        if (!Files.exists(dir)) {
            throw new IOException(dir + ": no such model folder; pass the folder written by 'fer4j train' (RUN/fold-0/model)");
        }
        if (!Files.isRegularFile(specFile) || !Files.isRegularFile(weights)) {
            throw new IOException(dir + ": not a fer4j model folder (expected " + SPEC_FILE + " and " + WEIGHTS_FILE
                    + "); pass the folder written by 'fer4j train' (run folder /model)");
        }
        Saved saved;
        try {
            saved = readSaved(specFile);
        } catch (IOException | RuntimeException e) {
            throw new IOException(specFile + ": unreadable model spec (" + org.fer4j.util.JsonErrors.describe(e) + ")", e);
        }
        FerModel model = load(dir, saved.spec());
        model.provenance = saved.provenance();
        return model;
    }

    /** Loads the weights in {@code dir} into a network built from {@code expected}. */
    public static FerModel load(Path dir, ModelSpec expected) throws IOException {
        verifyWeights(dir);
        NDManager manager = NDManager.newBaseManager();
        ExpressionNetwork network = Networks.create(expected);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve(WEIGHTS_FILE))))) {
            network.loadParameters(manager, in);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            manager.close();
            throw new IOException(dir.resolve(WEIGHTS_FILE) + ": weights do not match a " + expected.kind()
                    + " network of width " + expected.width() + " with " + expected.labels().size()
                    + " classes (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "); was it saved by another architecture?", e);
        }
        try {
            checkShapes(dir.resolve(WEIGHTS_FILE), expected, network);
        } catch (IOException e) {
            manager.close();
            throw e;
        }
        for (Parameter p : network.getParameters().values()) {
            p.getArray().setRequiresGradient(p.requiresGradient());
        }
        return new FerModel(expected, manager, network);
    }

    /**
     * DJL loads parameters without comparing them to the architecture, so a checkpoint of another width
     * would load and fail only at the first forward pass: compare every tensor with a freshly built network.
     */
    private static void checkShapes(Path weights, ModelSpec spec, ExpressionNetwork loaded) throws IOException {
        ExpressionNetwork reference = Networks.create(spec);
        try (NDManager tmp = NDManager.newBaseManager()) {
            reference.initialize(tmp, DataType.FLOAT32,
                    reference.inputShapes(2, spec.preprocessing().channels(), spec.preprocessing().size()));
            Map<String, Parameter> want = reference.namedParameters();
            Map<String, Parameter> got = loaded.namedParameters();
            for (Map.Entry<String, Parameter> e : want.entrySet()) {
                Parameter p = got.get(e.getKey());
                if (p == null || p.getArray() == null) {
                    throw new IOException(weights + ": tensor " + e.getKey() + " is missing for a " + spec.kind()
                            + " network of width " + spec.width() + "; was it saved by another architecture?");
                }
                if (!p.getArray().getShape().equals(e.getValue().getArray().getShape())) {
                    throw new IOException(weights + ": tensor " + e.getKey() + " has shape " + p.getArray().getShape()
                            + " but a " + spec.kind() + " network of width " + spec.width() + " with "
                            + spec.labels().size() + " classes needs " + e.getValue().getArray().getShape()
                            + "; was it saved by another architecture?");
                }
            }
        }
    }

    /** Writes {@code model.json} and the weights atomically into {@code dir} (replacing it), keeping its provenance. */
    public void save(Path dir) throws IOException {
        save(dir, provenance);
    }

    /**
     * Writes {@code model.json} (the spec, and under {@code trained_on} what the weights came from: the
     * dataset fingerprint, the seed, the fer4j version) and the weights atomically into {@code dir}.
     * A model file then says which data it was trained on without its run folder.
     */
    public void save(Path dir, Map<String, String> trainedOn) throws IOException {
        ObjectNode json = JSON.valueToTree(spec);
        if (!trainedOn.isEmpty()) {
            json.set(PROVENANCE, JSON.valueToTree(new TreeMap<>(trainedOn)));
        }
        AtomicFiles.replaceDirectory(dir, tmp -> {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(tmp.resolve(WEIGHTS_FILE))))) {
                network.saveParameters(out);
            }
            json.put(WEIGHTS_SHA256, sha256(tmp.resolve(WEIGHTS_FILE)));
            JSON.writeValue(tmp.resolve(SPEC_FILE).toFile(), json);
        });
    }

    /** Reads the spec of a saved model without loading weights (to check a checkpoint fits a run). */
    public static ModelSpec readSpec(Path dir) throws IOException {
        return readSaved(dir.resolve(SPEC_FILE)).spec();
    }

    /** What {@code model.json} records under {@code trained_on} (empty for a model saved without it). */
    public Map<String, String> provenance() {
        return provenance;
    }

    private record Saved(ModelSpec spec, Map<String, String> provenance, String weightsSha256) {
    }

    /** The {@code model.json} key of the weights file's SHA-256, checked on load (older models lack it). */
    static final String WEIGHTS_SHA256 = "weights_sha256";

    /**
     * Refuses weights whose SHA-256 differs from the one {@code model.json} records (a truncated,
     * damaged or swapped file: same-shaped weights of another model would otherwise load silently).
     */
    private static void verifyWeights(Path dir) throws IOException {
        Path specFile = dir.resolve(SPEC_FILE);
        Path weights = dir.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(specFile) || !Files.isRegularFile(weights)) {
            return;
        }
        String recorded;
        try {
            recorded = readSaved(specFile).weightsSha256();
        } catch (IOException | RuntimeException e) {
            return; // the caller reports an unreadable spec in its own terms
        }
        if (recorded != null && !recorded.equals(sha256(weights))) {
            throw new IOException(weights + ": its sha-256 differs from the one " + SPEC_FILE + " records: the weights"
                    + " were damaged, truncated or replaced (another model's weights?); use the folder as training wrote it");
        }
    }

    private static String sha256(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Saved readSaved(Path specFile) throws IOException {
        JsonNode tree = JSON.readTree(specFile.toFile());
        if (!(tree instanceof ObjectNode json)) {
            throw new IOException(specFile + ": not a JSON object");
        }
        Map<String, String> trainedOn = new TreeMap<>();
        JsonNode sha = json.remove(WEIGHTS_SHA256);
        JsonNode p = json.remove(PROVENANCE);
        if (p != null) {
            p.fields().forEachRemaining(e -> trainedOn.put(e.getKey(), e.getValue().asText()));
        }
        return new Saved(JSON.treeToValue(json, ModelSpec.class), Collections.unmodifiableMap(trainedOn),
                sha == null ? null : sha.asText());
    }

    public NDList forward(ParameterStore ps, NDList inputs, boolean training) {
        return network.forward(ps, inputs, training);
    }

    public ModelSpec spec() {
        return spec;
    }

    public ExpressionNetwork network() {
        return network;
    }

    public NDManager manager() {
        return manager;
    }

    public Map<String, Parameter> namedParameters() {
        return network.namedParameters();
    }

    public boolean needsNeutral() {
        return network.needsNeutral();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
