package org.fer4j.vision.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Extracts chosen regular files from a gzipped tar (an npm tarball: ustar, with pax or GNU long names
 * where a path needs them), so fer4j-vision needs no archive library. Nothing else is written.
 */
final class TarGz {
    private TarGz() {
    }

    /**
     * Streams the archive once and writes each wanted entry to its target.
     *
     * @param wanted tarball path to target file
     * @return the tarball paths found (a subset of {@code wanted}'s keys)
     */
    static java.util.Set<String> extract(Path tgz, Map<String, Path> wanted) throws IOException {
        java.util.Set<String> found = new java.util.HashSet<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
            byte[] header = new byte[512];
            String longName = null;
            while (true) {
                if (!readFully(in, header)) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty() && "ustar".equals(cString(header, 257, 5))) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (type == 'x' || type == 'L') {
                    byte[] body = readBody(in, size);
                    longName = type == 'L' ? cString(body, 0, body.length) : paxPath(body);
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                Path target = (type == '0' || type == '\0') ? wanted.get(name) : null;
                if (target != null) {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    skip(in, padding(size));
                    found.add(name);
                } else {
                    skip(in, size + padding(size));
                }
            }
        } catch (java.util.zip.ZipException | EOFException e) {
            throw new IOException("tarball " + tgz + " is damaged or truncated: " + e.getMessage(), e);
        }
        return found;
    }

    private static long padding(long size) {
        return (512 - size % 512) % 512;
    }

    private static String paxPath(byte[] body) {
        Map<String, String> kv = new HashMap<>();
        String s = new String(body, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            int sp = s.indexOf(' ', i);
            if (sp < 0) {
                break;
            }
            int len = Integer.parseInt(s.substring(i, sp));
            String rec = new String(body, i, len, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            kv.put(rec.substring(rec.indexOf(' ') + 1, eq), rec.substring(eq + 1, rec.length() - 1));
            i += len;
        }
        return kv.get("path");
    }

    private static byte[] readBody(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extended header of " + size + " bytes");
        }
        byte[] b = new byte[(int) size];
        if (!readFully(in, b)) {
            throw new EOFException("truncated extended header");
        }
        skip(in, padding(size));
        return b;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new EOFException("archive ends inside a block");
            }
            off += n;
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("archive ends inside an entry");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException("archive ends inside an entry");
            }
            n -= r;
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) throws IOException {
        String s = cString(b, off, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("tar header has a bad size field '" + s + "'");
        }
    }
}
