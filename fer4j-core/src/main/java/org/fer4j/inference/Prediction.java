package org.fer4j.inference;

import java.util.List;

/** The predicted expression of one input with every class's probability (in the model's class order). */
public record Prediction(String name, String label, double confidence, List<String> classes, double[] probabilities) {
}
