package org.fer4j.data.cache;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;

/**
 * How the cache names a face crop (its source and face box) and tells whether the source changed:
 * a file by its size and modification time (cheap enough to check 290k files on every open), pixels
 * held in memory by a hash of their content.
 */
final class SourceKeys {
    private SourceKeys() {
    }

    /** Stable name of the crop of {@code ref} by {@code box}. */
    static String key(ImageRef ref, FaceBox box) {
        String source = ref instanceof ImageRef.FileImage f
                ? "file:" + f.path().toAbsolutePath().normalize()
                : "mem:" + ref.describe();
        return box == null ? source : source + "|" + box.x() + "," + box.y() + "," + box.width() + "," + box.height();
    }

    /**
     * What identifies the current content of {@code ref}; {@code null} when it cannot be read (a
     * missing file), so the entry is decoded again and the decoder reports the problem.
     */
    static String fingerprint(ImageRef ref) {
        try {
            if (ref instanceof ImageRef.FileImage f) {
                BasicFileAttributes a = Files.readAttributes(f.path(), BasicFileAttributes.class);
                return a.isRegularFile()
                        ? "size=" + a.size() + ",mtime=" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) : null;
            }
            return "sha256=" + contentHash(ref.read());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String contentHash(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        ByteBuffer dims = ByteBuffer.allocate(12).putInt(w).putInt(h).putInt(img.getType());
        md.update(dims.array());
        int[] row = new int[w];
        ByteBuffer bytes = ByteBuffer.allocate(4 * w);
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            bytes.clear();
            bytes.asIntBuffer().put(row);
            md.update(bytes.array());
        }
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }
}
