package org.fer4j.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fer4j.data.ImageFiles;
import org.fer4j.vision.align.LandmarkLocator;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.blazeface.BlazeFaceDetector;
import org.fer4j.vision.detect.blazeface.BlazeFaceOptions;
import org.fer4j.vision.faceapi.FaceExpressionModel;
import org.fer4j.vision.faceapi.FaceRecognitionModel;
import org.fer4j.vision.faceapi.FaceLandmarkModel;
import org.fer4j.vision.store.ModelStore;

/**
 * Times one vision network per process (so the peak RSS it prints belongs to that network), for
 * docs/VISION.md; not a test, nothing asserted:
 * {@code java -Dai.djl.offline=true -cp fer4j-vision/target/test-classes:fer4j-vision/target/classes:CLASSPATH
 * org.fer4j.vision.VisionBench blazeface|landmarks|expression|recognition [CALLS]} (CALLS ≥ 50, default 60, after 10
 * warm-up calls). Inputs: face-api's demo photos and face crops from the test fixtures.
 */
public final class VisionBench {
    private VisionBench() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "blazeface";
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        ModelStore store = ModelStore.defaultStore();
        List<BufferedImage> photos = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            photos.add(ImageFiles.decode(res("/org/fer4j/vision/detect/blazeface/sample" + i + ".jpg"), "sample" + i + ".jpg"));
        }
        List<byte[]> crops = List.of(res("/org/fer4j/vision/faceapi/sample1-face.rgb"), res("/org/fer4j/vision/faceapi/sample2-face.rgb"),
                res("/org/fer4j/vision/faceapi/sample3-face.rgb"));
        System.out.printf(Locale.ROOT, "VisionBench %s: %d calls after 10 warm-up; cores %d; load average %s%n", what, calls,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        long t0 = System.nanoTime();
        switch (what) {
            case "blazeface" -> {
                try (BlazeFaceDetector whole = BlazeFaceDetector.load(store, BlazeFaceOptions.defaults().withTiles(1).withIntraOpThreads(2));
                     BlazeFaceDetector tiled = BlazeFaceDetector.load(store, BlazeFaceOptions.defaults().withTiles(3).withIntraOpThreads(2))) {
                    System.out.printf(Locale.ROOT, "  load (verify + 2 sessions): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
                    byte[] view = res("/org/fer4j/vision/detect/blazeface/sample1-blazeface.rgb");
                    report("network only, one 128x128 view", time(calls, i -> whole.run(view)), 1);
                    int[] faces = new int[2];
                    for (BufferedImage p : photos) {
                        faces[0] += whole.detect(p).size();
                        faces[1] += tiled.detect(p).size();
                    }
                    report("detect(), whole photo (1 view), 1920 px photos", time(calls, i -> whole.detect(photos.get(i % 6))),
                            faces[0] / 6.0);
                    report("detect(), whole + 3x3 tiles (7-10 views), 1920 px photos", time(calls, i -> tiled.detect(photos.get(i % 6))),
                            faces[1] / 6.0);
                }
            }
            case "landmarks" -> {
                try (FaceLandmarkModel model = FaceLandmarkModel.load(store); LandmarkLocator loc = LandmarkLocator.using(model);
                     BlazeFaceDetector det = BlazeFaceDetector.load(store, BlazeFaceOptions.defaults().withTiles(3).withIntraOpThreads(2))) {
                    System.out.printf(Locale.ROOT, "  load (verify + build; BlazeFace too): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
                    report("network only, one 112x112 crop", time(calls, i -> model.landmarks(crops.get(i % 3))), 1);
                    List<DetectedFace> found = det.detect(photos.get(0));
                    report("locate(): crop + 2 passes on a 1920 px photo", time(calls, i -> loc.locate(photos.get(0), found.get(i % found.size()))), 1);
                }
            }
            case "expression" -> {
                try (FaceExpressionModel model = FaceExpressionModel.load(store)) {
                    System.out.printf(Locale.ROOT, "  load (verify + build): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
                    report("network only, one 112x112 crop", time(calls, i -> model.probabilities(crops.get(i % 3))), 1);
                }
            }
            case "recognition" -> {
                List<byte[]> faces = List.of(res("/org/fer4j/vision/faceapi/sample1-face150.rgb"),
                        res("/org/fer4j/vision/faceapi/sample2-face150.rgb"), res("/org/fer4j/vision/faceapi/sample3-face150.rgb"));
                try (FaceRecognitionModel model = FaceRecognitionModel.load(store)) {
                    System.out.printf(Locale.ROOT, "  load (verify + build): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
                    report("network only, one 150x150 crop", time(calls, i -> model.descriptors(faces.get(i % 3))), 1);
                    byte[][] batch = faces.toArray(byte[][]::new);
                    report("network only, a batch of 3 crops", time(calls, i -> model.descriptors(batch)), 3);
                }
            }
            default -> throw new IllegalArgumentException("unknown network " + what + " (blazeface, landmarks, expression, recognition)");
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                System.out.println("  peak RSS of this process: " + line.replaceAll("\\s+", " "));
            }
        }
    }

    interface Call {
        Object run(int i);
    }

    static double[] time(int calls, Call c) {
        for (int i = 0; i < 10; i++) {
            c.run(i);
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            c.run(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    static void report(String what, double[] ms, double facesPerCall) {
        double median = ms[ms.length / 2];
        System.out.printf(Locale.ROOT, "  %-56s median %7.2f ms  p90 %7.2f ms  (%.1f faces per call: %.2f ms per face)%n", what,
                median, ms[(int) (ms.length * 0.9)], facesPerCall, median / Math.max(1e-9, facesPerCall));
    }

    static byte[] res(String name) throws IOException {
        try (InputStream in = VisionBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " not found (run from the test classpath; scripts/reference.sh writes it)");
            }
            return in.readAllBytes();
        }
    }
}
