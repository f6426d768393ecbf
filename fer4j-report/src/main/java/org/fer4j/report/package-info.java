/**
 * Self-contained HTML reports rebuilt from a run folder's records alone (the papers' figures,
 * confusion matrices, t-SNE, excluded samples, comparisons of several runs): {@link org.fer4j.report.ReportWriter}.
 * A missing or unreadable file becomes a stated reason in the report, never an exception.
 */
package org.fer4j.report;
