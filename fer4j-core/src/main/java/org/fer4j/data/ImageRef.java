package org.fer4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

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

    /** An image file on disk (PNG, JPEG incl. CMYK, BMP, GIF, TIFF), decoded by {@link ImageFiles}. */
    record FileImage(Path path) implements ImageRef {
        @Override
        public BufferedImage read() throws IOException {
            return ImageFiles.read(path);
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
