package org.fer4j.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.inference.BatchClassifier;
import org.fer4j.inference.ModelRunner;
import org.fer4j.models.FerModel;

/**
 * A model the server answers with: its public id, the engine-independent {@link BatchClassifier} (fer4j's
 * PyTorch network or an ONNX Runtime session), its provenance for {@code GET /v1/models}, and what to close.
 * A model that needs the neutral face is the calibrated (paired SPNDL) one.
 */
public final class ServedModel implements AutoCloseable {
    private final String id;
    private final BatchClassifier classifier;
    private final Map<String, String> provenance;
    private final AutoCloseable owner;

    /** @param owner closed with this model (the loaded network), or null when the caller keeps it */
    public ServedModel(String id, BatchClassifier classifier, Map<String, String> provenance, AutoCloseable owner) {
        if (id == null || id.isBlank() || classifier == null) {
            throw new IllegalArgumentException("a served model needs an id and a classifier");
        }
        this.id = id;
        this.classifier = classifier;
        this.provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        this.owner = owner;
    }

    /** A fer4j model folder (written by train) on PyTorch; its id is the folder's last two names. */
    public static ServedModel load(Path dir) throws IOException {
        FerModel m = FerModel.load(dir);
        ModelRunner runner;
        try {
            runner = new ModelRunner(m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return new ServedModel(idOf(dir), runner, m.provenance(), () -> {
            runner.close();
            m.close();
        });
    }

    /** The public id of the model at {@code path} (a folder or a file): its last two names, e.g. {@code run/model}. */
    public static String idOf(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.getParent() != null && abs.getParent().getFileName() != null
                ? abs.getParent().getFileName() + "/" + abs.getFileName() : String.valueOf(abs.getFileName());
    }

    public String id() {
        return id;
    }

    public BatchClassifier classifier() {
        return classifier;
    }

    public Map<String, String> provenance() {
        return provenance;
    }

    public boolean needsNeutral() {
        return classifier.needsNeutral();
    }

    @Override
    public void close() throws Exception {
        if (owner != null) {
            owner.close();
        }
    }
}
