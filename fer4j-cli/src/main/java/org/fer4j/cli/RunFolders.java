package org.fer4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where a command's run folder goes: {@code --out}, or {@code runs/<time>-<name>} (never reusing one). */
final class RunFolders {
    private RunFolders() {
    }

    static Path resolve(Path out, String name, boolean resume) throws IOException {
        if (out != null) {
            if (resume && !Files.isRegularFile(out.resolve(org.fer4j.runs.RunLog.FOLDS))) {
                throw new IOException(out + ": " + (Files.isDirectory(out) ? "holds no run to continue (no "
                        + org.fer4j.runs.RunLog.FOLDS + ")" : "no such run folder") + "; --resume continues a run this"
                        + " command started; leave --resume out to start one");
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IOException(out + ": is a file, not a run folder");
            }
            if (!resume && Files.isDirectory(out.resolve("checkpoints"))) {
                throw new IOException(out + ": already holds a run (checkpoints/); add --resume to continue it or"
                        + " choose another --out");
            }
            Files.createDirectories(out);
            return out;
        }
        if (resume) {
            throw new IllegalArgumentException("--resume needs --out RUN_DIR naming the run to continue");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("runs", stamp + "-" + name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of("runs", stamp + "-" + name + "-" + i);
        }
        Files.createDirectories(dir);
        return dir;
    }
}
