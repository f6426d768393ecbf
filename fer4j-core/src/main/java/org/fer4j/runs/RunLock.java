package org.fer4j.runs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Ownership of a run folder: two trainings writing one folder would interleave two models' epochs
 * under one configuration. The lock is an operating-system lock on {@code run.lock} (released by the
 * kernel when its process dies, even by {@code kill -9}), and the file names the holder (pid, host,
 * start time) for the error a second process gets. A lock file left by a dead process is taken over;
 * {@link #previousHolder()} says whose it was.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String previousHolder;

    private RunLock(Path file, FileChannel channel, FileLock lock, String previousHolder) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
    }

    /**
     * Takes the folder, creating it if needed.
     *
     * @throws IllegalStateException when another process (or this one) holds it, naming the holder
     * @throws IOException when the folder cannot be written (read-only, full disk), naming it
     */
    public static RunLock acquire(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(runDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException(runDir + ": cannot write to the run folder (" + e.getMessage() + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw new IOException(file + ": cannot lock the run folder (" + e.getMessage() + ")", e);
        }
        String recorded = read(channel);
        if (lock == null) {
            channel.close();
            throw new IllegalStateException(runDir + ": run folder in use by " + (recorded.isBlank() ? "another process"
                    : recorded) + "; wait for it to finish, or choose another --out");
        }
        try {
            byte[] me = holder().getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me), 0);
            channel.force(true);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw new IOException(file + ": cannot write the run folder's lock (" + e.getMessage() + ")", e);
        }
        return new RunLock(file, channel, lock, recorded.isBlank() ? null : recorded);
    }

    /** Who held the folder before this process took over a lock left behind (killed), or null. */
    public String previousHolder() {
        return previousHolder;
    }

    /** This process, as the lock file records it: {@code pid 1234 on host, since 2026-12-03T17:00:00Z}. */
    static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        long pid = ProcessHandle.current().pid();
        Instant start = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return "pid " + pid + " on " + host + ", since " + start;
    }

    private static String read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 512);
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        channel.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
