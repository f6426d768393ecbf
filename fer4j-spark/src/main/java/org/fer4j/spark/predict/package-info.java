/**
 * Batch prediction on Spark: image tables in, prediction tables out, one shared model per executor JVM,
 * faces batched inside each partition, every checkable mistake caught on the driver.
 */
package org.fer4j.spark.predict;
