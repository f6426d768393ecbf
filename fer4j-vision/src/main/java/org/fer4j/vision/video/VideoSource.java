package org.fer4j.vision.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Decodes a video file (anything FFmpeg reads) or a capture device frame by frame; each frame is a
 * fresh image the caller owns, so frames can wait in a queue. Errors name the source and, while
 * decoding, the frame where it failed.
 */
public final class VideoSource implements AutoCloseable {
    private final String name;
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private long next;

    static {
        quietFfmpeg();
    }

    /** FFmpeg's own console chatter off: failures surface as exceptions naming the file instead. */
    static void quietFfmpeg() {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private VideoSource(String name, FFmpegFrameGrabber grabber) throws IOException {
        this.name = name;
        this.grabber = grabber;
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release();
            String why = reason(e);
            throw new IOException(name + ": not a video FFmpeg can read (" + (why.contains("Could not open input")
                    ? "unknown, damaged or truncated container" : why) + ")", e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            release();
            throw new IOException(name + ": has no video stream");
        }
    }

    /** Opens a video file; a missing, empty or unreadable file is an error naming it. */
    public static VideoSource open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a video file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": video not found");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": video not readable (permissions)");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + ": empty file (0 bytes), not a video");
        }
        return new VideoSource(file.toString(), new FFmpegFrameGrabber(file.toFile()));
    }

    /** Opens capture device {@code index} ({@code /dev/videoN} through video4linux2). */
    public static VideoSource camera(int index) throws IOException {
        Path dev = Path.of("/dev/video" + index);
        if (!Files.exists(dev)) {
            throw new IOException("camera " + index + ": no capture device " + dev);
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(dev.toString());
        g.setFormat("video4linux2");
        return new VideoSource("camera " + index, g);
    }

    public String name() {
        return name;
    }

    public int width() {
        return grabber.getImageWidth();
    }

    public int height() {
        return grabber.getImageHeight();
    }

    /** Frames per second the container declares (25 when it declares none). */
    public double frameRate() {
        double r = grabber.getVideoFrameRate();
        return r > 0 && Double.isFinite(r) ? r : 25;
    }

    /** The container's frame count estimate, or -1 when unknown (a camera, a stream). */
    public long estimatedFrames() {
        long n = grabber.getLengthInVideoFrames();
        return n > 0 ? n : -1;
    }

    /** The next frame, or null at the end; a decoding failure names the frame. */
    public VideoFrame next() throws IOException {
        Frame f;
        try {
            f = grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new IOException(name + ": decoding failed at frame " + next + " (" + reason(e) + ")", e);
        }
        if (f == null) {
            long declared = estimatedFrames();
            if (declared > 0 && next < 0.95 * declared - 1) {
                throw new IOException(name + ": truncated or damaged: decoding stopped at frame " + next + " of the "
                        + declared + " the container declares");
            }
            return null;
        }
        BufferedImage shared = converter.convert(f); // reused by the converter on the next call: copy it
        BufferedImage copy = new BufferedImage(shared.getWidth(), shared.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        copy.getGraphics().drawImage(shared, 0, 0, null);
        double seconds = f.timestamp > 0 ? f.timestamp / 1e6 : next / frameRate();
        return new VideoFrame(next++, seconds, copy);
    }

    /** The library's message without JavaCV's generic hints ("Has setFormat() been called?"). */
    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int hint = m.indexOf(" (Has setFormat");
        return hint > 0 ? m.substring(0, hint) : m;
    }

    private void release() {
        try {
            grabber.release();
        } catch (Exception ignored) {
            // releasing after a failed start: nothing more to report than the failure itself
        }
    }

    @Override
    public void close() {
        release();
        converter.close();
    }
}
