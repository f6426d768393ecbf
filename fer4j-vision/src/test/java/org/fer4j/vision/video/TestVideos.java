package org.fer4j.vision.video;

import java.io.IOException;
import java.nio.file.Path;
import org.fer4j.vision.FixtureFaces;

/**
 * Short generated videos of real fixture faces: person A (fixture face 2) walks right across the whole
 * video; person B (fixture face 3) enters at the middle frame and stays.
 */
public final class TestVideos {
    public static final int WIDTH = 320;
    public static final int HEIGHT = 160;
    public static final int SIDE = 96;

    private TestVideos() {
    }

    /** Writes {@code frames} frames at {@code fps} to {@code file} (MP4). */
    public static Path twoPeople(Path file, int frames, double fps) throws IOException {
        return twoPeople(file, frames, fps, false);
    }

    /** As {@link #twoPeople(Path, int, double)}, the index at the front when {@code faststart} (a cut copy then decodes up to the cut). */
    public static Path twoPeople(Path file, int frames, double fps, boolean faststart) throws IOException {
        try (VideoWriter w = VideoWriter.open(file, WIDTH, HEIGHT, fps, faststart)) {
            for (int i = 0; i < frames; i++) {
                int ax = 4 + i * 40 / Math.max(1, frames);
                if (i < frames / 2) {
                    w.write(FixtureFaces.frame(WIDTH, HEIGHT, new int[] {2, ax, 30, SIDE}));
                } else {
                    w.write(FixtureFaces.frame(WIDTH, HEIGHT, new int[] {2, ax, 30, SIDE}, new int[] {3, 200, 40, SIDE}));
                }
            }
        }
        return file;
    }

    /** A copy of {@code video} cut to {@code share} of its bytes. */
    public static Path cut(Path video, Path to, double share) throws IOException {
        byte[] all = java.nio.file.Files.readAllBytes(video);
        return java.nio.file.Files.write(to, java.util.Arrays.copyOf(all, (int) (all.length * share)));
    }
}
