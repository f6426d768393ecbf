package org.fer4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Writes a run folder's report.html after a command; a report failure never fails the run. */
final class Reports {
    private Reports() {
    }

    static void tryWrite(Path runDir, PrintWriter err) {
    }
}
