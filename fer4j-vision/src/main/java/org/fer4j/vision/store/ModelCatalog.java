package org.fer4j.vision.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pinned artefacts fer4j knows ({@code models.json} beside this class), so a model is named once and
 * its hashes travel with the code that was checked against it.
 */
public final class ModelCatalog {
    private static final String RESOURCE = "models.json";
    private final Map<String, ModelArtifact> byName;

    private ModelCatalog(List<ModelArtifact> artifacts) {
        Map<String, ModelArtifact> m = new LinkedHashMap<>();
        for (ModelArtifact a : artifacts) {
            if (m.put(a.name(), a) != null) {
                throw new IllegalArgumentException("model catalogue lists " + a.name() + " twice");
            }
        }
        this.byName = Map.copyOf(m);
        this.order = List.copyOf(m.values());
    }

    private final List<ModelArtifact> order;

    /** The catalogue shipped with fer4j. */
    public static ModelCatalog builtIn() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("fer4j-vision is missing its model catalogue " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalogue in the {@code models.json} format. */
    public static ModelCatalog read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        List<ModelArtifact> list = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            List<ModelArtifact.File> files = new ArrayList<>();
            for (JsonNode f : m.path("files")) {
                files.add(new ModelArtifact.File(f.path("path").asText(null), f.path("sha256").asText(null),
                        f.path("size").asLong(-1)));
            }
            list.add(new ModelArtifact(m.path("name").asText(null), m.path("package").asText(null),
                    m.path("version").asText(null), m.path("licence").asText(""), m.path("description").asText(""),
                    m.path("network").asText(""), files));
        }
        return new ModelCatalog(list);
    }

    /** Every artefact, in catalogue order. */
    public List<ModelArtifact> all() {
        return order;
    }

    /** The artefact of this name; an unknown name is an error listing the known ones. */
    public ModelArtifact get(String name) {
        ModelArtifact a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", names()));
        }
        return a;
    }

    /** The known names, in catalogue order. */
    public List<String> names() {
        return order.stream().map(ModelArtifact::name).toList();
    }
}
