package org.fer4j.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files so that a bad file is an error naming it, never a silently wrong picture. The
 * header is read first and an image too large for the limits is refused before a pixel is decoded (a
 * 20,000 × 20,000 PNG would otherwise take 1.6 GB). JPEGs go through TwelveMonkeys' reader when it is
 * on the class path (fer4j-core depends on it): CMYK, YCCK and Adobe-less 4-channel JPEGs decode to
 * their real colours instead of the JDK's black. A decoder warning about a truncated or corrupt stream
 * (the JDK fills the missing rows with grey and only warns) is an error. An animated GIF gives its
 * first frame. Transparency is composited onto {@link #BACKGROUND} by {@link #opaque}.
 */
public final class ImageFiles {
    /** Largest side accepted (also checked on decoded images by {@link Preprocessing}). */
    public static final int MAX_SIDE = Preprocessing.MAX_SOURCE_SIDE;
    /** Largest pixel count accepted: 100 megapixels (400 MB as ARGB). */
    public static final long MAX_PIXELS = 100_000_000L;
    /** What transparent pixels are composited onto: white, a photo's usual paper, stated in the docs. */
    public static final Color BACKGROUND = Color.WHITE;

    private ImageFiles() {
    }

    /** The first image in {@code path}; every failure is an {@link IOException} naming the file. */
    public static BufferedImage read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": is a folder, not an image file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": image file not found");
        }
        if (!Files.isReadable(path)) {
            throw new IOException(path + ": image file is not readable (permissions)");
        }
        long bytes = Files.size(path);
        if (bytes == 0) {
            throw new IOException(path + ": empty file (0 bytes), not an image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            return decode(in, path.toString(), () -> firstBytes(path));
        }
    }

    /**
     * Decodes an image held in memory (an HTTP body, a Spark binary column) under the same limits and
     * checks as a file; {@code name} is what the errors call it.
     */
    public static BufferedImage decode(byte[] bytes, String name) throws IOException {
        if (bytes.length == 0) {
            throw new IOException(name + ": empty (0 bytes), not an image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return decode(in, name, () -> HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(8, bytes.length)));
        }
    }

    private static BufferedImage decode(ImageInputStream in, String name, java.util.function.Supplier<String> head)
            throws IOException {
        try {
            if (in == null) {
                throw new IOException(name + ": cannot open the file as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(name + ": not an image fer4j can decode (PNG, JPEG, BMP, GIF, TIFF); the file"
                        + " starts with bytes " + head.get());
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                checkSize(name, w, h);
                BufferedImage img = reader.read(0);
                for (String warning : warnings) {
                    if (isDamage(warning)) {
                        throw new IOException(name + ": truncated or corrupt image (" + warning + ")");
                    }
                }
                if (img == null) {
                    throw new IOException(name + ": not a readable image (unknown or corrupt format)");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name)) {
                throw e;
            }
            throw new IOException(name + ": cannot decode image (" + describe(e) + ")", e);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new IOException(name + ": cannot decode image (" + describe(e) + ")", e);
        }
    }

    /** Refuses a declared size outside the limits, with the numbers. */
    static void checkSize(String path, int w, int h) throws IOException {
        if (w <= 0 || h <= 0) {
            throw new IOException(path + ": the header declares a " + w + "x" + h + " image");
        }
        if (w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
            throw new IOException(String.format(Locale.ROOT, "%s: image is %dx%d px (%.0f megapixels), larger than the"
                    + " limit of %d px per side and %d megapixels; crop or downscale it first", path, w, h,
                    (double) w * h / 1e6, MAX_SIDE, MAX_PIXELS / 1_000_000));
        }
        long need = (long) w * h * 8; // the decoded raster plus the RGB copy the crop draws from
        long free = Runtime.getRuntime().maxMemory() - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        if (need > free) {
            throw new IOException(String.format(Locale.ROOT, "%s: decoding this %dx%d image needs about %d MB, but the"
                    + " Java heap has %d MB free; raise -Xmx or downscale the image", path, w, h, need >> 20, free >> 20));
        }
    }

    /**
     * The image with transparency composited onto {@link #BACKGROUND}; an opaque image is returned as it
     * is. Drawing a translucent image straight onto the black canvas of a crop would darken the face.
     */
    public static BufferedImage opaque(BufferedImage img) {
        if (!img.getColorModel().hasAlpha()) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static boolean isDamage(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature") || w.contains("truncat") || w.contains("corrupt") || w.contains("end of")
                || w.contains("incomplete");
    }

    private static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory while decoding; raise -Xmx or downscale the image";
        }
        String m = e.getMessage();
        if (e instanceof IIOException && e.getCause() != null && e.getCause().getMessage() != null) {
            m = m + ": " + e.getCause().getMessage();
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String firstBytes(Path path) {
        try (var in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(8);
            return HexFormat.ofDelimiter(" ").formatHex(b);
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
