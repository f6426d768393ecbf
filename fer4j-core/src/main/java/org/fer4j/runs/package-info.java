/**
 * The run folder's files, named once ({@link org.fer4j.runs.RunLog}), and its rows as records
 * ({@link org.fer4j.runs.EpochRecord}, {@link org.fer4j.runs.PaceRecord}), shared by the writers and by
 * the reports, which are rebuilt from these files without retraining.
 */
package org.fer4j.runs;
