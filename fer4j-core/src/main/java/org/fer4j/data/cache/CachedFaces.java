package org.fer4j.data.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LoadedFaces;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.data.Sample;
import org.fer4j.data.Skipped;

/**
 * A {@link FaceStore} over an opened {@link FaceCache}: each tensor is read from its segment by one
 * positional read and normalised on the fly, so the heap holds only per-sample slot numbers (16
 * bytes a sample) and one crop buffer per reading thread, whatever the dataset's size; the operating
 * system's page cache, not the JVM, keeps what fits of the data warm. Gives exactly the tensors
 * {@code InMemoryFaces} gives for the same samples.
 */
public final class CachedFaces extends LoadedFaces {
    private final FaceCache.BuildStats stats;
    private final int slotBytes;
    private final int[] targetSegment;
    private final int[] targetSlot;
    private final int[] neutralSegment;
    private final int[] neutralSlot;
    private final FileChannel[] channels;
    private final Preprocessing.Normaliser normaliser;
    private final ThreadLocal<byte[]> buffers;

    CachedFaces(LabelSet labels, Preprocessing preprocessing, List<Sample> samples, List<Skipped> skipped,
                List<Segment.Entry> targets, List<Segment.Entry> neutrals, Path dir, FaceCache.BuildStats stats)
            throws IOException {
        super(labels, preprocessing, samples, skipped);
        this.stats = stats;
        this.slotBytes = Geometry.of(preprocessing).slotBytes();
        this.normaliser = preprocessing.normaliser();
        this.buffers = ThreadLocal.withInitial(() -> new byte[slotBytes]);
        int n = samples.size();
        targetSegment = new int[n];
        targetSlot = new int[n];
        neutralSegment = new int[n];
        neutralSlot = new int[n];
        Map<Integer, Integer> channelOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Segment.Entry t = targets.get(i);
            targetSegment[i] = channelOf.computeIfAbsent(t.segment(), k -> channelOf.size());
            targetSlot[i] = t.slot();
            Segment.Entry r = neutrals.get(i);
            neutralSegment[i] = r == null ? -1 : channelOf.computeIfAbsent(r.segment(), k -> channelOf.size());
            neutralSlot[i] = r == null ? -1 : r.slot();
        }
        channels = new FileChannel[channelOf.size()];
        try {
            for (Map.Entry<Integer, Integer> e : channelOf.entrySet()) {
                channels[e.getValue()] = FileChannel.open(Segment.data(dir, e.getKey()), StandardOpenOption.READ);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** What opening the cache did: crops reused and decoded, time. */
    public FaceCache.BuildStats stats() {
        return stats;
    }

    @Override
    public void target(int index, float[] dst, int offset) {
        read(targetSegment[index], targetSlot[index], index, dst, offset);
    }

    @Override
    public void neutral(int index, float[] dst, int offset) {
        if (neutralSegment[index] < 0) {
            throw new IllegalStateException("sample " + sample(index).id() + " has no neutral reference");
        }
        read(neutralSegment[index], neutralSlot[index], index, dst, offset);
    }

    @Override
    public boolean hasNeutral(int index) {
        return neutralSegment[index] >= 0;
    }

    private void read(int segment, int slot, int index, float[] dst, int offset) {
        byte[] buf = buffers.get();
        ByteBuffer b = ByteBuffer.wrap(buf);
        long position = (long) slot * slotBytes;
        try {
            while (b.hasRemaining()) {
                if (channels[segment].read(b, position + b.position()) < 0) {
                    throw new IOException("unexpected end of cache segment at byte " + (position + b.position()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("face cache read of sample " + sample(index).id() + " failed ("
                    + e.getMessage() + "); delete the cache folder " + stats.folder() + " to rebuild it", e);
        }
        normaliser.normalise(buf, 0, dst, offset);
    }

    @Override
    public void close() {
        for (FileChannel c : channels) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // read-only channel: nothing to lose
                }
            }
        }
    }
}
