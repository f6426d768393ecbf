/**
 * Cross-validation and ablation on Spark: every (row, fold) a task that trains exactly what the single-machine
 * run trains for it, each attempt in its own folder committed by one rename, the run folder assembled on the
 * driver in the layout {@code fer4j report} reads.
 */
package org.fer4j.spark.cv;
