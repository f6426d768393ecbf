/** What every executor JVM needs before fer4j runs there, whichever job it serves: DJL's natives offline, its threads. */
package org.fer4j.spark.executors;
