package org.fer4j.vision.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Encodes frames into an MP4 (MPEG-4 Part 2, which every FFmpeg build has, unlike H.264). A streaming
 * output: closing it after a failure leaves a playable file up to the last frame written.
 */
public final class VideoWriter implements AutoCloseable {
    private final Path file;
    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private long frames;
    private boolean closed;

    private VideoWriter(Path file, FFmpegFrameRecorder recorder) {
        this.file = file;
        this.recorder = recorder;
    }

    /** Checks the folder is writable before any work, then starts the encoder. Width and height must be even. */
    public static VideoWriter open(Path file, int width, int height, double fps) throws IOException {
        return open(file, width, height, fps, false);
    }

    /**
     * @param faststart put the index at the front of the file (playable while downloading; a cut file then
     *                  decodes up to the cut instead of not at all)
     */
    public static VideoWriter open(Path file, int width, int height, double fps, boolean faststart) throws IOException {
        checkWritable(file);
        if (width % 2 != 0 || height % 2 != 0 || width < 2 || height < 2) {
            throw new IllegalArgumentException(file + ": frames of " + width + "x" + height + " cannot be encoded (MPEG-4 needs even sides)");
        }
        if (!(fps > 0 && fps <= 1000)) {
            throw new IllegalArgumentException(file + ": frame rate " + fps + " is not in (0, 1000]");
        }
        VideoSource.quietFfmpeg();
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        r.setFormat("mp4");
        r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(fps);
        r.setVideoQuality(3); // qscale: near-lossless for annotated frames
        if (faststart) {
            r.setOption("movflags", "faststart");
        }
        try {
            r.start();
        } catch (Exception e) {
            try {
                r.release();
            } catch (Exception ignored) {
                // the start failure is what the user needs
            }
            throw new IOException(file + ": cannot start the video encoder (" + e.getMessage() + ")", e);
        }
        return new VideoWriter(file, r);
    }

    /** Refuses, before any work, a video file that could not be written (a folder, a missing or read-only folder). */
    public static void checkWritable(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder; give the name of the video file to write");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException(file + ": cannot write the video, folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new IOException(file + ": cannot write the video, " + (Files.exists(file) ? "file" : "folder " + parent) + " is not writable");
        }
    }

    /**
     * Encodes one frame. Any image type is accepted: JavaCV's converter reads the raster as it is stored, and an
     * {@code int}-packed RGB raster would be encoded as the wrong pixel format (grey came back pink), so other
     * types are drawn into 3-byte BGR first.
     */
    public void write(BufferedImage image) throws IOException {
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = bgr.createGraphics();
            try {
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        try {
            recorder.record(converter.convert(bgr));
            frames++;
        } catch (Exception e) {
            throw new IOException(file + ": writing frame " + frames + " failed (" + e.getMessage() + ")", e);
        }
    }

    public long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
        } catch (Exception e) {
            throw new IOException(file + ": finishing the video failed (" + e.getMessage() + ")", e);
        } finally {
            converter.close();
        }
    }
}
