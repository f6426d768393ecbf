package org.fer4j.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;

/**
 * What an exported model says about itself in its ONNX metadata ({@code metadata_props}): the kind, the
 * classes in logit order, the preprocessing the model was trained with, and whether it needs the neutral
 * face. The contract between export and runtime: an ONNX-only deployment preprocesses from this, in plain
 * Java, without fer4j's model folder or libtorch.
 *
 * @param kind          the model kind as {@code --model} names it (baseline, spndl, spndl-nn, adversarial)
 * @param labels        the classes, in the order of the {@code logits} output
 * @param preprocessing crop, size, channels and normalisation of every input image
 * @param needsNeutral  whether the graph takes a {@code neutral} input beside {@code target}
 * @param provenance    what the weights were trained on (model.json's {@code trained_on}), possibly empty
 */
public record OnnxModelInfo(String kind, LabelSet labels, Preprocessing preprocessing, boolean needsNeutral,
                            Map<String, String> provenance) {
    public static final String TARGET = "target";
    public static final String NEUTRAL = "neutral";
    public static final String LOGITS = "logits";
    public static final String FEATURES = "features";

    static final String KIND = "fer4j.kind";
    static final String LABELS = "fer4j.labels";
    static final String PREPROCESSING = "fer4j.preprocessing";
    static final String INPUTS = "fer4j.inputs";
    static final String TRAINED_ON = "fer4j.trained_on.";
    private static final ObjectMapper JSON = new ObjectMapper();

    public OnnxModelInfo {
        if (kind == null || kind.isBlank() || labels == null || preprocessing == null) {
            throw new IllegalArgumentException("an exported model needs a kind, labels and a preprocessing");
        }
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    /** The graph's input names, in order. */
    public List<String> inputNames() {
        return needsNeutral ? List.of(TARGET, NEUTRAL) : List.of(TARGET);
    }

    /** The metadata entries written into the ONNX file. */
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KIND, kind);
        m.put(LABELS, String.join(",", labels.names()));
        try {
            m.put(PREPROCESSING, JSON.writeValueAsString(preprocessing));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + preprocessing, e);
        }
        m.put(INPUTS, String.join(",", inputNames()));
        provenance.forEach((k, v) -> m.put(TRAINED_ON + k, v));
        return m;
    }

    /**
     * Reads the metadata of {@code file}; an ONNX file that fer4j did not export (or whose metadata is
     * damaged) is an error naming the file and the missing or bad entry.
     */
    public static OnnxModelInfo fromProperties(Path file, Map<String, String> props) throws IOException {
        String kind = props.get(KIND);
        if (kind == null) {
            throw new IOException(file + ": not a fer4j model export (no '" + KIND + "' in its metadata); export one with"
                    + " 'fer4j export --model DIR --format onnx --out FILE'");
        }
        try {
            LabelSet labels = LabelSet.ofNames(Arrays.asList(require(file, props, LABELS).split(",")));
            Preprocessing pre = JSON.readValue(require(file, props, PREPROCESSING), Preprocessing.class);
            String inputs = require(file, props, INPUTS);
            boolean neutral = switch (inputs) {
                case TARGET -> false;
                case TARGET + "," + NEUTRAL -> true;
                default -> throw new IOException(file + ": metadata '" + INPUTS + "' is '" + inputs + "'; expected '"
                        + TARGET + "' or '" + TARGET + "," + NEUTRAL + "'");
            };
            Map<String, String> trainedOn = new LinkedHashMap<>();
            props.forEach((k, v) -> {
                if (k.startsWith(TRAINED_ON)) {
                    trainedOn.put(k.substring(TRAINED_ON.length()), v);
                }
            });
            return new OnnxModelInfo(kind, labels, pre, neutral, trainedOn);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": bad fer4j metadata (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": bad fer4j metadata (" + e.getMessage() + ")", e);
        }
    }

    private static String require(Path file, Map<String, String> props, String key) throws IOException {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            throw new IOException(file + ": fer4j metadata '" + key + "' is missing");
        }
        return v;
    }
}
