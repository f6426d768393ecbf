package org.fer4j.inference;

import java.util.List;

/** The predicted expression of one input with every class's probability (in the model's class order). */
public record Prediction(String name, String label, double confidence, List<String> classes, double[] probabilities) {
    /** Each class's probability by name, in the model's class order (for JSON outputs). */
    public java.util.Map<String, Double> probabilityMap() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int j = 0; j < classes.size(); j++) {
            m.put(classes.get(j), probabilities[j]);
        }
        return m;
    }
}
