package org.fer4j.vision.detect.haar;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageFiles;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceDetector;

/**
 * OpenCV's Viola–Jones frontal-face Haar cascade (the {@code haarcascade_frontalface_default.xml} that
 * ships inside the bytedeco OpenCV natives jar, so nothing is downloaded): no network to install, fast
 * on a CPU, frontal faces only, no keypoints.
 *
 * <p><b>Scores.</b> A cascade accepts or rejects a window; it has no probability. This detector runs
 * {@code detectMultiScale3} with reject levels, which gives each kept detection the summed weak-classifier
 * output of the cascade's last stage (its "level weight", roughly −1 … 6 on faces), and maps it into
 * [0, 1] with the logistic function {@code 1 / (1 + e^-w)}: monotone, so ranking and {@code --min-score}
 * thresholds work, but not calibrated; 0.5 is where the last stage's vote is neutral.
 *
 * <p>Not thread-safe (one OpenCV classifier); {@link #detect} is synchronised. Owns native memory: close it.
 */
public final class HaarDetector implements FaceDetector {
    /** The cascade inside the OpenCV natives jar. */
    public static final String CASCADE_RESOURCE =
            "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    private final CascadeClassifier cascade;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int minSide;
    private final double minScore;
    private boolean closed;

    private HaarDetector(Builder b) throws IOException {
        this.scaleFactor = b.scaleFactor;
        this.minNeighbors = b.minNeighbors;
        this.minSide = b.minSide;
        this.minScore = b.minScore;
        this.cascade = load(b.cascade);
    }

    /** The default cascade and settings. */
    public static HaarDetector open() throws IOException {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static CascadeClassifier load(Path file) throws IOException {
        Path tmp = null;
        try {
            if (file == null) {
                // OpenCV reads a cascade from a file name: copy the jar's XML out once, then delete it.
                tmp = Files.createTempFile("fer4j-haar-", ".xml");
                try (InputStream in = HaarDetector.class.getResourceAsStream(CASCADE_RESOURCE)) {
                    if (in == null) {
                        throw new IOException("the Haar cascade " + CASCADE_RESOURCE + " is not on the class path"
                                + " (org.bytedeco:opencv:linux-x86_64 natives missing?)");
                    }
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                file = tmp;
            } else if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": Haar cascade file not found");
            }
            CascadeClassifier c = new CascadeClassifier();
            if (!c.load(file.toString()) || c.empty()) {
                c.close();
                throw new IOException(file + ": not an OpenCV cascade classifier XML");
            }
            return c;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public String name() {
        return "haar";
    }

    @Override
    public synchronized List<DetectedFace> detect(BufferedImage image) {
        if (closed) {
            throw new IllegalStateException("the Haar detector is closed");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (w < minSide || h < minSide) {
            return List.of();
        }
        byte[] grey = grey(image);
        List<DetectedFace> faces = new ArrayList<>();
        try (Mat mat = new Mat(h, w, opencv_core.CV_8UC1);
             Mat equalised = new Mat();
             RectVector rects = new RectVector();
             IntPointer levels = new IntPointer();
             DoublePointer weights = new DoublePointer();
             Size min = new Size(minSide, minSide);
             Size max = new Size()) {
            mat.data().put(grey);
            opencv_imgproc.equalizeHist(mat, equalised);
            cascade.detectMultiScale3(equalised, rects, levels, weights, scaleFactor, minNeighbors, 0, min, max, true);
            long n = rects.size();
            for (long i = 0; i < n; i++) {
                Rect r = rects.get(i);
                double weight = i < weights.limit() ? weights.get(i) : 0;
                double score = 1 / (1 + Math.exp(-weight));
                if (score >= minScore) {
                    faces.add(new DetectedFace(new FaceBox(r.x(), r.y(), r.width(), r.height()), score, List.of()));
                }
                r.close();
            }
        }
        faces.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        return faces;
    }

    /** Rounded luma of the image made opaque the way the predictor sees it (alpha on white). */
    private static byte[] grey(BufferedImage source) {
        BufferedImage img = ImageFiles.opaque(source);
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            out[i] = (byte) Math.round(0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cascade.close();
        }
    }

    /** Settings; every one optional. */
    public static final class Builder {
        private Path cascade;
        private double scaleFactor = 1.1;
        private int minNeighbors = 3;
        private int minSide = 24;
        private double minScore = 0;

        private Builder() {
        }

        /** Another cascade XML (default: OpenCV's frontal-face cascade from the natives jar). */
        public Builder optCascade(Path file) {
            this.cascade = file;
            return this;
        }

        /** Image pyramid step, {@code > 1} (default 1.1: slower, finds more sizes). */
        public Builder optScaleFactor(double factor) {
            this.scaleFactor = factor;
            return this;
        }

        /**
         * Overlapping hits a face needs to be kept, {@code ≥ 1} (default 3: with 5, a face is found or
         * missed depending on its position to within a few pixels, the cascade's window stride; measured
         * on the fixture faces, docs/IN_THE_WILD.md).
         */
        public Builder optMinNeighbors(int n) {
            this.minNeighbors = n;
            return this;
        }

        /** Smallest face side searched, in pixels, {@code ≥ 24} (the cascade's window; default 24). */
        public Builder optMinFaceSide(int side) {
            this.minSide = side;
            return this;
        }

        /** Faces scoring below this are dropped, in [0, 1] (default 0: keep what the cascade keeps). */
        public Builder optMinScore(double score) {
            this.minScore = score;
            return this;
        }

        public HaarDetector build() throws IOException {
            if (!(scaleFactor > 1 && scaleFactor <= 4)) {
                throw new IllegalArgumentException("Haar scale factor must be in (1, 4], got " + scaleFactor);
            }
            if (minNeighbors < 1 || minNeighbors > 100) {
                throw new IllegalArgumentException("Haar min neighbours must be in [1, 100], got " + minNeighbors);
            }
            if (minSide < 24 || minSide > 12_000) {
                throw new IllegalArgumentException("smallest face side must be in [24, 12000] pixels, got " + minSide);
            }
            if (!(minScore >= 0 && minScore <= 1)) {
                throw new IllegalArgumentException("minimum detection score must be in [0, 1], got " + minScore);
            }
            return new HaarDetector(this);
        }
    }

    /** For {@link HaarDetectorProvider}: checked exceptions as unchecked ones. */
    public static HaarDetector open(int minFaceSide, double minScore) {
        try {
            return builder().optMinFaceSide(minFaceSide).optMinScore(minScore).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
