package org.fer4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.fer4j.report.ReportOptions;
import org.fer4j.report.ReportWriter;

/** Writes a run folder's report.html after a command; a report failure never fails the run. */
final class Reports {
    private Reports() {
    }

    static void tryWrite(Path runDir, PrintWriter err) {
        try {
            ReportWriter.write(runDir, ReportOptions.defaults());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            err.println("fer4j: warning: could not write " + runDir.resolve(ReportWriter.FILE) + " (" + t
                    + "); the run itself is complete. Rebuild it later with: fer4j report " + runDir);
            err.flush();
        }
    }
}
