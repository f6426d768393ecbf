/**
 * The papers' protocols: subject-independent folds ({@link org.fer4j.experiments.SubjectFolds}),
 * official splits or folds ({@link org.fer4j.experiments.Protocol}), cross-validation with probes and
 * run records ({@link org.fer4j.experiments.CrossValidation}), the ablation's variants, and the check
 * that a resumed run is the run it claims to continue ({@link org.fer4j.experiments.ResumeCheck}).
 */
package org.fer4j.experiments;
