package org.fer4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Files that lie about themselves, for the tests of every reader that must not believe them. */
public final class HostileFiles {
    private HostileFiles() {
    }

    /** A valid PNG whose IHDR declares {@code w × h}, followed at once by IEND: all header, no pixels. */
    public static byte[] pngHeaderOnly(int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    /**
     * A 40 × 40 CMYK JPEG of one skin tone, C=0.1 M=0.35 Y=0.45 K=0.05 (RGB about 218, 158, 133), in
     * Adobe's convention (inverted ink, APP14 marker with transform 0) as Photoshop writes it; the JDK's
     * own reader ignores the ink and gives (238, 206, 191).
     */
    public static byte[] cmykJpeg() throws IOException {
        int[] stored = {229, 166, 140, 242};
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, 40, 40, 4, null);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                raster.setPixel(x, y, stored);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        javax.imageio.ImageWriter writer = null;
        for (var it = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            javax.imageio.ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                writer = w;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("no JDK JPEG writer");
        }
        try (var out = javax.imageio.ImageIO.createImageOutputStream(jpeg)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] plain = jpeg.toByteArray();
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] adobe = new byte[plain.length + app14.length];
        System.arraycopy(plain, 0, adobe, 0, 2);
        System.arraycopy(app14, 0, adobe, 2, app14.length);
        System.arraycopy(plain, 2, adobe, 2 + app14.length, plain.length - 2);
        return adobe;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
