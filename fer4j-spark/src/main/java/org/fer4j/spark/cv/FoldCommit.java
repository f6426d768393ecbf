package org.fer4j.spark.cv;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where one attempt of one (variant, fold) task writes, and how it is committed: every attempt trains into
 * its own folder {@code .tasks/fold-K.attempt-N} under the variant's run folder, and only a finished
 * attempt is renamed to {@code .tasks/fold-K} (one atomic rename on a local or shared POSIX file system).
 * A killed attempt leaves at most an attempt folder, which nobody reads; a second attempt that finishes
 * after the first (speculation) finds the fold committed and discards its own copy.
 */
final class FoldCommit {
    static final String TASKS = ".tasks";

    private final Path work;
    private final Path committed;

    private FoldCommit(Path work, Path committed) {
        this.work = work;
        this.committed = committed;
    }

    /** The committed folder of fold {@code fold} of the variant in {@code variantDir} (may not exist). */
    static Path committed(Path variantDir, int fold) {
        return variantDir.resolve(TASKS).resolve("fold-" + fold);
    }

    /** A fresh, empty folder for attempt {@code attempt} (a Spark task attempt id, unique in the application). */
    static FoldCommit begin(Path variantDir, int fold, long attempt) throws IOException {
        Path committed = committed(variantDir, fold);
        Path work = committed.resolveSibling("fold-" + fold + ".attempt-" + attempt);
        delete(work);
        Files.createDirectories(work);
        return new FoldCommit(work, committed);
    }

    Path work() {
        return work;
    }

    /** Publishes the attempt's folder as the fold's result; false when another attempt already did. */
    boolean commit() throws IOException {
        try {
            Files.move(work, committed, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            if (!Files.isDirectory(committed)) {
                throw new IOException(committed + ": cannot commit the fold (" + e + "); the run folder must be on a"
                        + " file system with atomic renames (local, NFS, HDFS-FUSE)", e);
            }
            delete(work);
            return false;
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
