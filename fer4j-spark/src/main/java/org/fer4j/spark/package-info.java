/**
 * fer4j on Apache Spark: batch prediction over image tables ({@link org.fer4j.spark.Fer4jSpark}) and
 * distributed cross-validation. The module depends on {@code fer4j-core} only; Spark is provided by the cluster.
 */
package org.fer4j.spark;
