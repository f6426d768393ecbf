package org.fer4j.data.cache;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fer4j.util.AtomicFiles;

/**
 * One append-only data file of the cache ({@code seg-000007.bin}: fixed-size 8-bit crops, one per
 * slot) and the index of what it holds ({@code seg-000007.idx}: key, source fingerprint, slot).
 * The index is written atomically only after the data is on disk, so a segment is either complete
 * or absent: an interrupted build loses at most the segment it was filling.
 */
final class Segment {
    private static final int MAGIC = 0x46453443; // "FE4C"
    private static final int END = 0x454E4421;   // "END!"
    static final int FORMAT = 1;
    private static final Pattern NAME = Pattern.compile("seg-(\\d{6,})\\.(bin|idx)");

    /** One cached crop. */
    record Entry(String key, String fingerprint, int segment, int slot) {
    }

    private Segment() {
    }

    static Path data(Path dir, int number) {
        return dir.resolve(String.format("seg-%06d.bin", number));
    }

    static Path index(Path dir, int number) {
        return dir.resolve(String.format("seg-%06d.idx", number));
    }

    /** The segment number in a file name of this format, or -1. */
    static int number(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Reads an index; throws naming the file when it is not one of this geometry and format. */
    static List<Entry> readIndex(Path idx, Geometry geometry) throws IOException {
        int number = number(idx);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(idx)))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException(idx + ": not a fer4j cache index of format " + FORMAT);
            }
            Geometry g = new Geometry(in.readInt(), in.readInt(), in.readDouble());
            if (!g.equals(geometry)) {
                throw new IOException(idx + ": holds crops of " + g + ", not " + geometry);
            }
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(new Entry(in.readUTF(), in.readUTF(), number, in.readInt()));
            }
            if (in.readInt() != END) {
                throw new IOException(idx + ": truncated cache index");
            }
            return entries;
        } catch (EOFException e) {
            throw new IOException(idx + ": truncated cache index", e);
        }
    }

    /** Appends crops to a new data file, then commits its index. */
    static final class Writer implements AutoCloseable {
        private final Path dir;
        private final int number;
        private final Geometry geometry;
        private final FileChannel channel;
        private final List<Entry> entries = new ArrayList<>();

        Writer(Path dir, int number, Geometry geometry) throws IOException {
            this.dir = dir;
            this.number = number;
            this.geometry = geometry;
            this.channel = FileChannel.open(data(dir, number), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        int number() {
            return number;
        }

        int size() {
            return entries.size();
        }

        long bytes() {
            return (long) entries.size() * geometry.slotBytes();
        }

        Entry append(String key, String fingerprint, byte[] pixels) throws IOException {
            if (pixels.length != geometry.slotBytes()) {
                throw new IllegalArgumentException("crop of " + pixels.length + " bytes in a cache of " + geometry);
            }
            ByteBuffer b = ByteBuffer.wrap(pixels);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            Entry e = new Entry(key, fingerprint == null ? "" : fingerprint, number, entries.size());
            entries.add(e);
            return e;
        }

        /** Forces the data to disk, then writes the index atomically: from now on the segment counts. */
        List<Entry> commit() throws IOException {
            channel.force(false);
            channel.close();
            AtomicFiles.writeFile(index(dir, number), f -> {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f)))) {
                    out.writeInt(MAGIC);
                    out.writeInt(FORMAT);
                    out.writeInt(geometry.size());
                    out.writeInt(geometry.channels());
                    out.writeDouble(geometry.margin());
                    out.writeInt(entries.size());
                    for (Entry e : entries) {
                        out.writeUTF(e.key());
                        out.writeUTF(e.fingerprint());
                        out.writeInt(e.slot());
                    }
                    out.writeInt(END);
                }
            });
            return entries;
        }

        /** Closes without committing (an aborted build): the data file is an orphan removed by the next build. */
        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }
}
