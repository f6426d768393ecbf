/**
 * Apache Spark integration: batch prediction and feature extraction over image tables, one {@code Predictor} per executor.
 *
 * <p>Empty in this release: the module exists so that its place in the build (it depends on
 * {@code fer4j-core} only, and nothing in core depends on it) is fixed before the code arrives.
 */
package org.fer4j.spark;
