package org.fer4j.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.fer4j.data.ImageFiles;

/**
 * Turns request bytes into pixels safely. The format is sniffed from the bytes (ImageIO's readers match
 * magic numbers; the declared Content-Type is ignored), the size is read from the header and refused above
 * the server's pixel limit before a pixel is decoded (a PNG bomb declares 50,000 × 50,000 in a few hundred
 * bytes), and {@link ImageFiles#decode} then decodes under core's checks (truncated streams are errors; a
 * GIF gives its first frame). Decoding runs on a bounded pool with a deadline.
 */
final class ImageDecoder implements AutoCloseable {
    private final long maxPixels;
    private final int timeoutMs;
    private final ThreadPoolExecutor pool;

    /** @param waiting decodes that may wait for a thread (the request threads bound it; more is a 503) */
    ImageDecoder(long maxPixels, int timeoutMs, int threads, int waiting) {
        this.maxPixels = maxPixels;
        this.timeoutMs = timeoutMs;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(waiting),
                r -> {
                    Thread t = new Thread(r, "fer4j-decode");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * @param field what the errors call the image ({@code image}, {@code neutral})
     * @throws ApiException 400 empty, 415 not an image, 413 too many pixels, 422 undecodable or too slow, 503 busy
     */
    BufferedImage decode(byte[] bytes, String field) {
        if (bytes == null || bytes.length == 0) {
            throw new ApiException(400, "empty_image", field + ": empty (0 bytes); send a PNG, JPEG, BMP, GIF or TIFF");
        }
        String format = probe(bytes, field);
        Future<BufferedImage> f;
        try {
            f = pool.submit(() -> ImageFiles.opaque(ImageFiles.decode(bytes, field)));
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "busy", "too many images are being decoded; retry shortly", 1);
        }
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ApiException(422, "decode_timeout", field + ": the " + format + " image took longer than "
                    + timeoutMs + " ms to decode");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String m = c.getMessage() == null ? c.toString() : c.getMessage();
            throw new ApiException(422, "bad_image", m);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "shutting_down", "interrupted while decoding", 1);
        }
    }

    /** The format's name, after checking the header's size against the limit. */
    private String probe(byte[] bytes, String field) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                StringBuilder head = new StringBuilder();
                for (int i = 0; i < Math.min(8, bytes.length); i++) {
                    head.append(String.format(Locale.ROOT, "%s%02x", i == 0 ? "" : " ", bytes[i] & 0xff));
                }
                throw new ApiException(415, "unsupported_media", field + ": not an image (PNG, JPEG, BMP, GIF or TIFF"
                        + " expected; the bytes start " + head + ", whatever the Content-Type says)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new ApiException(422, "bad_image", field + ": the " + format + " header declares a " + w + "x" + h + " image");
                }
                if (w * h > maxPixels || w > ImageFiles.MAX_SIDE || h > ImageFiles.MAX_SIDE) {
                    throw new ApiException(413, "image_too_large", String.format(Locale.ROOT, "%s: the %s header declares"
                            + " %dx%d px (%.1f megapixels); this server decodes at most %.1f megapixels and %d px a side",
                            field, format, w, h, w * h / 1e6, maxPixels / 1e6, ImageFiles.MAX_SIDE));
                }
                return format;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw new ApiException(422, "bad_image", field + ": unreadable image header (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
