/**
 * Training. {@link org.fer4j.training.TrainingLoop#fit} is the loop: epochs, self-paced paces
 * ({@link org.fer4j.training.SelfPacedScheduler} admits each class's easiest samples first, one
 * {@link org.fer4j.training.Pace} at a time), validation; it reports to
 * {@link org.fer4j.training.TrainingListener}s, which do everything else. One
 * {@link org.fer4j.training.TrainingStep} per objective ({@link org.fer4j.training.TrainingSteps}).
 */
package org.fer4j.training;
