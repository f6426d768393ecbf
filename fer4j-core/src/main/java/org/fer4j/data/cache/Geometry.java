package org.fer4j.data.cache;

import java.util.Locale;
import org.fer4j.data.Preprocessing;

/**
 * What decides the bytes of a cached crop: side, channels and crop margin. Mean and std are applied
 * on reading, so runs that differ only in normalisation share one cache.
 */
record Geometry(int size, int channels, double margin) {
    static Geometry of(Preprocessing p) {
        return new Geometry(p.size(), p.channels(), p.margin());
    }

    int slotBytes() {
        return channels * size * size;
    }

    /**
     * Folder name, e.g. {@code 48px-rgb-m0.1-pil}; the suffix names the resampling ({@code pil}: Pillow's
     * antialiased bilinear), so crops cached by an earlier resampler are never read back as if made by this one.
     */
    String folderName() {
        return size + "px-" + (channels == 3 ? "rgb" : "grey") + "-m" + String.format(Locale.ROOT, "%s", margin) + "-pil";
    }

    @Override
    public String toString() {
        return size + "x" + size + " px, " + channels + " channel(s), margin " + margin;
    }
}
