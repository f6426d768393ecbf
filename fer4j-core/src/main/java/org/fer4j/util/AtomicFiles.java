package org.fer4j.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Write-then-rename helpers: a reader (or a crash) never sees a half-written checkpoint, model or
 * result file — it sees the old version or the new one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes into a fresh folder. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path dir) throws IOException;
    }

    /** Something that writes one file. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    /** Writes a file through a temporary sibling, then renames it over {@code target}. */
    public static void writeFile(Path target, FileWriter writer) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException(target + ": is a folder; give the name of a file to write");
        }
        Path tmp = null;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
            readableByAll(tmp);
            writer.write(tmp);
            move(tmp, target);
        } catch (IOException e) {
            throw named(target, e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * The error of a failed write with the file it was for: {@code No space left on device} alone does
     * not say which disk to free. What was there before is untouched (the write went to a temporary file).
     */
    private static IOException named(Path target, IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.startsWith(target.toString())) {
            return e;
        }
        boolean full = m.contains("No space left") || m.contains("Disk quota");
        boolean denied = e instanceof java.nio.file.AccessDeniedException || m.contains("Read-only file system")
                || m.contains("Permission denied");
        return new IOException(target + ": cannot write (" + m + ")" + (full
                ? "; the disk is full: free space, then run again (training continues with --resume)"
                : denied ? "; the folder is not writable: choose another or fix its permissions" : "")
                + "; the previous version is intact", e);
    }

    public static void writeString(Path target, String content) throws IOException {
        writeFile(target, f -> Files.writeString(f, content));
    }

    /**
     * Fills a temporary sibling folder, then swaps it in for {@code dir}. The previous folder is moved
     * aside first and deleted only after the new one is in place.
     */
    public static void replaceDirectory(Path dir, DirectoryWriter writer) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".new.");
        } catch (IOException e) {
            throw named(abs, e);
        }
        try {
            readableByAll(tmp);
            writer.write(tmp);
            Path old = null;
            if (Files.exists(abs)) {
                old = parent.resolve("." + abs.getFileName() + ".old." + System.nanoTime());
                move(abs, old);
            }
            pauseForFaultInjection();
            move(tmp, abs);
            if (old != null) {
                deleteRecursively(old);
            }
        } catch (IOException e) {
            throw named(abs, e);
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
        }
    }

    /**
     * Puts back a folder that {@link #replaceDirectory} had moved aside when the process died before the
     * new one was renamed in (a {@code kill -9} between the two renames): without it, {@code dir} would be
     * missing although a complete copy exists. Does nothing when {@code dir} exists.
     *
     * @return whether a folder was put back
     */
    public static boolean recover(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        if (Files.exists(abs) || parent == null || !Files.isDirectory(parent)) {
            return false;
        }
        String prefix = "." + abs.getFileName() + ".old.";
        Path newest = null;
        try (var siblings = Files.list(parent)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                if (p.getFileName().toString().startsWith(prefix) && (newest == null
                        || p.getFileName().toString().compareTo(newest.getFileName().toString()) > 0)) {
                    newest = p;
                }
            }
        }
        if (newest == null) {
            return false;
        }
        move(newest, abs);
        return true;
    }

    /**
     * Fault injection for the crash-recovery tests: {@code -Dfer4j.faultInjection.renamePauseMs=N} holds
     * every folder replacement for N ms in its most fragile moment, between moving the old folder aside
     * and renaming the new one in, so that a test can kill the process there. Zero (no pause) otherwise.
     */
    private static void pauseForFaultInjection() {
        long ms = Long.getLong("fer4j.faultInjection.renamePauseMs", 0);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Temporary files are created owner-only; what we publish (reports, models) should read like any other file. */
    private static void readableByAll(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                    Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the platform's default
        }
    }
}
