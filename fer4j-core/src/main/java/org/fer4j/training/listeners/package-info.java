/**
 * The listeners a run folder needs ({@link org.fer4j.training.listeners.TrainingListeners#standard}):
 * run records, atomic checkpoints, the divergence guard and the feature and thumbnail dumps. An
 * embedding application picks what it wants or writes its own.
 */
package org.fer4j.training.listeners;
