/**
 * Scoring: accuracy, per-class recall, macro-F1 and the confusion matrix
 * ({@link org.fer4j.evaluation.EvaluationResult}), a model's test-set predictions and features
 * ({@link org.fer4j.evaluation.Predictions}), and the disentanglement probes that ask whether
 * expression or identity can be read linearly from a feature ({@link org.fer4j.evaluation.DisentanglementProbes}).
 */
package org.fer4j.evaluation;
