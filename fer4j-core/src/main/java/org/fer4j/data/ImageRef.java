package org.fer4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Where a face image comes from: a file, or pixels already in memory (the synthetic set, FER2013's
 * CSV). Decoding is deferred so that adapters only list samples and loading stays shared.
 */
public sealed interface ImageRef permits ImageRef.FileImage, ImageRef.MemoryImage, ImageRef.GreyPixels {

    /** Decodes the image; the exception names the source and the problem. */
    BufferedImage read() throws IOException;

    /** A short human-readable name: the path, or the in-memory id. */
    String describe();

    static ImageRef of(Path path) {
        return new FileImage(path);
    }

    /** An image file on disk (PNG, JPEG, BMP, GIF; TIFF through the JDK's ImageIO plugin). */
    record FileImage(Path path) implements ImageRef {
        @Override
        public BufferedImage read() throws IOException {
            if (!Files.isRegularFile(path)) {
                throw new IOException(path + ": image file not found");
            }
            BufferedImage img;
            try {
                // From the file itself: ImageIO.read(InputStream) would copy every image into a temporary cache file.
                img = ImageIO.read(path.toFile());
            } catch (RuntimeException | IOException e) {
                throw new IOException(path + ": cannot decode image (" + e.getMessage() + ")", e);
            }
            if (img == null) {
                throw new IOException(path + ": not a readable image (unknown or corrupt format)");
            }
            return img;
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** Pixels held in memory. */
    record MemoryImage(String id, BufferedImage image) implements ImageRef {
        @Override
        public BufferedImage read() {
            return image;
        }

        @Override
        public String describe() {
            return id;
        }
    }

    /**
     * Raw 8-bit grey pixels, row-major (FER2013's pixel strings): a byte per pixel instead of a decoded
     * image, so a listed set of 35k faces costs 80 MB, and the image is built only when read.
     */
    record GreyPixels(String id, int width, int height, byte[] pixels) implements ImageRef {
        public GreyPixels {
            if (width <= 0 || height <= 0 || pixels == null || pixels.length != (long) width * height) {
                throw new IllegalArgumentException(id + ": " + (pixels == null ? 0 : pixels.length)
                        + " grey values do not make a " + width + "x" + height + " image");
            }
        }

        @Override
        public BufferedImage read() {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, width, height, pixels);
            return img;
        }

        @Override
        public String describe() {
            return id;
        }
    }
}
