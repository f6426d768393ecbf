package org.fer4j.models;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;

/**
 * Everything needed to rebuild a network before its weights are loaded: saved as {@code model.json}
 * beside the weights, so a model file says which inputs it needs and how to preprocess them.
 *
 * @param kind          which network
 * @param width         ResNet-18 width multiplier
 * @param preprocessing the input pipeline, reproduced by {@code predict}
 * @param labels        class order of the logits
 * @param options       model-specific settings (e.g. {@code nn.init.noise}, adversarial sizes), as strings
 */
public record ModelSpec(ModelKind kind, double width, Preprocessing preprocessing, LabelSet labels,
                        Map<String, String> options) {
    public ModelSpec {
        if (kind == null || preprocessing == null || labels == null) {
            throw new IllegalArgumentException("model spec needs a kind, a preprocessing and labels");
        }
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("width multiplier must be in (0, 4], got " + width);
        }
        options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public ModelSpec(ModelKind kind, double width, Preprocessing preprocessing, LabelSet labels) {
        this(kind, width, preprocessing, labels, Map.of());
    }

    public double option(String key, double fallback) {
        String v = options.get(key);
        return v == null ? fallback : Double.parseDouble(v);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** The same network with another input pipeline (e.g. statistics fitted on a training fold). */
    public ModelSpec withPreprocessing(Preprocessing p) {
        return new ModelSpec(kind, width, p, labels, options);
    }

    public ModelSpec withOptions(Map<String, String> extra) {
        Map<String, String> m = new TreeMap<>(options);
        m.putAll(extra);
        return new ModelSpec(kind, width, preprocessing, labels, m);
    }
}
