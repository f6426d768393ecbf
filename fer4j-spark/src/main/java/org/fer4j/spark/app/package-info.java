/** The spark-submit entry point and its jobs (picocli); domain logic stays in the other packages. */
package org.fer4j.spark.app;
