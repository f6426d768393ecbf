package org.fer4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Preprocessing;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Prediction;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectors;
import org.fer4j.vision.wild.Annotator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fer4j serve}: the HTTP API and web page over one or two loaded models. The primary model answers
 * plain predictions; the calibrated one (a paired SPNDL model, the primary itself when it is paired) answers
 * predictions against a neutral face, sent with the request or enrolled for a person. Faces from concurrent
 * requests share forward passes ({@link MicroBatcher}); every limit is in {@link ServeOptions}.
 *
 * <p>Routes: {@code POST /v1/predict}, {@code POST|GET|DELETE /v1/people/{id}[/neutral]}, {@code GET /v1/models},
 * {@code /healthz}, {@code /readyz}, {@code /metrics}, {@code /openapi.json}, and the page at {@code /}.
 * Closing stops the server, the batchers and the detectors; the models stay the caller's.
 */
public final class FerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FerServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERROR_MARK = "fer4j.error";
    private static final long PREDICT_TIMEOUT_MS = 60_000;

    private final ServeOptions options;
    private final ServedModel primary;
    private final ServedModel calibrated;
    private final Map<ServedModel, MicroBatcher> batchers = new LinkedHashMap<>();
    private final Map<ServedModel, Predictor> predictors = new LinkedHashMap<>();
    private final BlockingQueue<FaceDetector> detectors;
    private final List<FaceDetector> allDetectors = new ArrayList<>();
    private final ImageDecoder decoder;
    private final RateLimiter limiter;
    private final People people;
    private final Metrics metrics = new Metrics();
    private final Javalin app;
    private volatile boolean closed;

    private FerServer(ServedModel primary, ServedModel paired, ServeOptions options) throws IOException {
        if (primary == null) {
            throw new IllegalArgumentException("the server needs a model");
        }
        if (paired != null && !paired.needsNeutral()) {
            throw new IllegalArgumentException("the paired model '" + paired.id() + "' (" + paired.classifier().kindName()
                    + ") does not use a neutral face; give a paired SPNDL model (spndl) for calibration");
        }
        this.options = options;
        this.primary = primary;
        this.calibrated = paired != null ? paired : primary.needsNeutral() ? primary : null;
        this.people = new People(options.peopleDir(), options.maxPeople());
        this.decoder = new ImageDecoder(options.maxPixels(), options.decodeTimeoutMs(), options.decodeThreads(),
                options.maxThreads());
        this.limiter = new RateLimiter(options.ratePerSecond(), options.rateBurst());
        this.detectors = new ArrayBlockingQueue<>(options.detectors());
        for (ServedModel m : calibrated == null || calibrated == primary ? List.of(primary) : List.of(primary, calibrated)) {
            Predictor p = new Predictor(m.classifier());
            predictors.put(m, p);
            batchers.put(m, new MicroBatcher(m.id(), p, options.batching(), options.maxBatch(), options.batchWaitMs(),
                    options.queueFaces(), metrics));
        }
        metrics.queueDepth(() -> batchers.values().stream().mapToInt(MicroBatcher::depth).sum());
        if (options.warmup()) {
            for (Map.Entry<ServedModel, MicroBatcher> e : batchers.entrySet()) {
                int side = e.getKey().classifier().preprocessing().size();
                ImageRef blank = new ImageRef.MemoryImage("warm-up", new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB));
                e.getValue().warmUp(new FaceInput("warm-up", blank, e.getKey().needsNeutral() ? blank : null, null));
            }
        }
        try {
            for (int i = 0; i < options.detectors(); i++) {
                FaceDetector d = FaceDetectors.open(options.detector(), new FaceDetectors.Options(options.minFace(), 0));
                allDetectors.add(d);
                detectors.add(d);
            }
            this.app = create();
            app.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts a server.
     *
     * @param primary the model plain predictions use
     * @param paired  a paired SPNDL model for calibrated predictions, or null (then the primary's, if it is paired)
     */
    public static FerServer start(ServedModel primary, ServedModel paired, ServeOptions options) throws IOException {
        return new FerServer(primary, paired, options);
    }

    /** The port it listens on (the one picked when the options said 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port}. */
    public String url() {
        String h = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + (h.equals("0.0.0.0") ? "127.0.0.1" : h) + ":" + port();
    }

    public Metrics metrics() {
        return metrics;
    }

    public ServeOptions options() {
        return options;
    }

    private Javalin create() {
        Javalin a = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = options.maxBodyBytes();
            cfg.http.disableCompression();
            QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), Math.min(8, options.maxThreads()), 60_000);
            threads.setName("fer4j-http");
            threads.setDaemon(true);
            cfg.jetty.threadPool = threads;
            cfg.jetty.multipartConfig.maxFileSize(options.maxBodyBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(options.maxBodyBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, options.maxBodyBytes()), SizeUnit.BYTES);
            cfg.jetty.modifyHttpConfiguration(h -> {
                h.setSendServerVersion(false);
                h.setSendXPoweredBy(false);
                // A body trickled slower than this is dropped (slow clients hold a thread each).
                h.setMinRequestDataRate(16 * 1024);
            });
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
                c.setHost(options.host());
                c.setPort(options.port());
                c.setIdleTimeout(options.idleTimeoutMs());
                return c;
            });
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        });
        a.before(ctx -> {
            ctx.attribute("fer4j.t0", System.nanoTime());
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
        });
        a.before("/v1/*", ctx -> {
            int wait = limiter.acquire(ctx.ip(), System.nanoTime());
            if (wait > 0) {
                throw new ApiException(429, "rate_limited", "more than " + options.rateBurst() + " requests at once or "
                        + String.format(Locale.ROOT, "%.3g", options.ratePerSecond()) + " a second from " + ctx.ip()
                        + "; retry after " + wait + " s", wait);
            }
            long length = ctx.req().getContentLengthLong();
            if (length > options.maxBodyBytes()) {
                throw new ApiException(413, "body_too_large", "the body is " + length + " bytes; this server accepts at most "
                        + options.maxBodyBytes());
            }
        });
        a.after(ctx -> {
            Object t0 = ctx.attribute("fer4j.t0");
            String route;
            try {
                route = ctx.endpointHandlerPath();
            } catch (RuntimeException e) {
                route = "unmatched";
            }
            if (route == null || route.isEmpty() || route.equals("*")) {
                route = "unmatched";
            }
            metrics.request(route, ctx.statusCode(), t0 instanceof Long t ? (System.nanoTime() - t) / 1e9 : 0);
        });
        a.exception(ApiException.class, (e, ctx) -> error(ctx, e));
        a.exception(Exception.class, (e, ctx) -> {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, new ApiException(500, "internal", "the server failed on this request; its log has the details"));
        });
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            a.error(status, ctx -> {
                if (ctx.attribute(ERROR_MARK) == null) {
                    error(ctx, new ApiException(status, status == 404 ? "not_found" : status == 405 ? "method_not_allowed"
                            : status == 413 ? "body_too_large" : status == 400 ? "bad_request" : "internal",
                            status == 404 ? "no such route: " + ctx.method() + " " + ctx.path() + " (see /openapi.json)"
                                    : status == 405 ? ctx.method() + " is not allowed on " + ctx.path()
                                    : status == 413 ? "the body is over the " + options.maxBodyBytes() + "-byte limit"
                                    : "the request could not be handled"));
                }
            });
        }
        a.get("/", ctx -> page(ctx, "index.html", "text/html; charset=utf-8"));
        a.get("/app.js", ctx -> page(ctx, "app.js", "text/javascript; charset=utf-8"));
        a.get("/app.css", ctx -> page(ctx, "app.css", "text/css; charset=utf-8"));
        a.get("/openapi.json", ctx -> page(ctx, "openapi.json", "application/json"));
        a.get("/healthz", ctx -> json(ctx, 200, Map.of("status", "ok")));
        a.get("/readyz", ctx -> {
            boolean full = batchers.values().stream().anyMatch(MicroBatcher::full);
            if (closed || full) {
                throw new ApiException(503, "not_ready", closed ? "shutting down" : "the queue is full", 1);
            }
            json(ctx, 200, Map.of("status", "ready", "models", predictors.size(), "people", people.size()));
        });
        a.get("/metrics", ctx -> {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
            ctx.result(metrics.prometheus());
        });
        a.get("/v1/models", ctx -> json(ctx, 200, Map.of("models", models())));
        a.post("/v1/predict", this::predict);
        a.post("/v1/people/{id}/neutral", this::enrol);
        a.get("/v1/people/{id}", ctx -> {
            People.Neutral n = people.get(ctx.pathParam("id"));
            json(ctx, 200, Map.of("person", n.id(), "box", n.box().toMap(), "score", n.score()));
        });
        a.delete("/v1/people/{id}", ctx -> {
            String id = People.checkId(ctx.pathParam("id"));
            if (!people.remove(id)) {
                throw new ApiException(404, "unknown_person", "no person '" + id + "' is enrolled");
            }
            ctx.status(204);
        });
        return a;
    }

    // ---- predict and enrol ----

    private record Body(byte[] image, byte[] neutral) {
    }

    private void predict(Context ctx) throws Exception {
        long t0 = System.nanoTime();
        boolean detect = flag(ctx, "detect", true);
        boolean annotate = flag(ctx, "annotate", false);
        String person = ctx.queryParam("person");
        People.Neutral enrolled = person == null ? null : people.get(person);
        Body body = body(ctx, true);
        if (enrolled != null && body.neutral() != null) {
            throw new ApiException(400, "conflicting_neutral", "give ?person=ID or a neutral image, not both");
        }
        ServedModel model = pick(enrolled != null || body.neutral() != null);
        MicroBatcher batcher = batchers.get(model);
        if (batcher.full()) { // refuse before decoding and detecting what could not be queued anyway
            throw new ApiException(503, "queue_full", "the model's queue is full; retry shortly", 1);
        }
        BufferedImage image = decoder.decode(body.image(), "image");
        BufferedImage neutralImage = null;
        FaceBox neutralBox = null;
        long tDecode = System.nanoTime();
        if (enrolled != null) {
            neutralImage = enrolled.image();
            neutralBox = enrolled.box();
        } else if (body.neutral() != null) {
            neutralImage = decoder.decode(body.neutral(), "neutral");
            DetectedFace f = oneFace(neutralImage, "neutral", true);
            neutralBox = f.box();
        }
        List<DetectedFace> faces = detect ? detect(image) : List.of(new DetectedFace(new FaceBox(0, 0, image.getWidth(),
                image.getHeight()), 1, List.of()));
        long tDetect = System.nanoTime();
        List<FaceInput> inputs = new ArrayList<>(faces.size());
        ImageRef ref = new ImageRef.MemoryImage("image", image);
        ImageRef nref = neutralImage == null ? null : new ImageRef.MemoryImage(person != null ? "person " + person : "neutral",
                neutralImage);
        for (int i = 0; i < faces.size(); i++) {
            FaceCropper.Crop crop = FaceCropper.BOX.crop(image, faces.get(i));
            inputs.add(new FaceInput("face " + i, crop.image() == image ? ref : new ImageRef.MemoryImage("face " + i,
                    crop.image()), nref, crop.box(), neutralBox));
        }
        List<Predictor.Result> results = await(batcher.submit(inputs));
        long tPredict = System.nanoTime();
        if (annotate) {
            List<Annotator.Mark> marks = new ArrayList<>();
            for (int i = 0; i < faces.size(); i++) {
                Predictor.Result r = results.get(i);
                if (r.ok()) {
                    marks.add(new Annotator.Mark(faces.get(i).box(), r.prediction().label()
                            + String.format(Locale.ROOT, " %.2f", r.prediction().confidence())));
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(Annotator.draw(image, marks), "png", png);
            ctx.header("X-Fer4j-Faces", Integer.toString(faces.size()));
            ctx.header("X-Fer4j-Model", model.id());
            ctx.contentType("image/png");
            ctx.result(png.toByteArray());
            return;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("face", i);
            f.put("box", faces.get(i).box().toMap());
            f.put("score", faces.get(i).score());
            Predictor.Result r = results.get(i);
            if (r.ok()) {
                Prediction p = r.prediction();
                f.put("label", p.label());
                f.put("confidence", p.confidence());
                f.put("probabilities", p.probabilityMap());
            } else {
                f.put("error", r.failure());
            }
            out.add(f);
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("model", model.id());
        res.put("calibrated", neutralImage != null);
        res.put("person", enrolled == null ? null : enrolled.id());
        res.put("image", Map.of("width", image.getWidth(), "height", image.getHeight()));
        res.put("faces", out);
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("decode", ms(tDecode - t0));
        timings.put("detect", ms(tDetect - tDecode));
        timings.put("predict", ms(tPredict - tDetect));
        timings.put("total", ms(System.nanoTime() - t0));
        res.put("timings_ms", timings);
        json(ctx, 200, res);
    }

    private void enrol(Context ctx) throws Exception {
        String id = People.checkId(ctx.pathParam("id"));
        if (calibrated == null) {
            throw new ApiException(409, "no_paired_model", "this server has no paired (SPNDL) model to calibrate with;"
                    + " start it with --paired-model DIR");
        }
        boolean detect = flag(ctx, "detect", true);
        Body body = body(ctx, false);
        BufferedImage image = decoder.decode(body.image(), "image");
        DetectedFace face = detect ? oneFace(image, "image", false) : new DetectedFace(new FaceBox(0, 0, image.getWidth(),
                image.getHeight()), 1, List.of());
        People.Neutral n = people.put(id, image, face.box(), face.score());
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("person", n.id());
        res.put("box", face.box().toMap());
        res.put("score", face.score());
        res.put("model", calibrated.id());
        json(ctx, 201, res);
    }

    private ServedModel pick(boolean withNeutral) {
        if (withNeutral) {
            if (calibrated == null) {
                throw new ApiException(409, "no_paired_model", "a neutral face was given, but this server has no paired"
                        + " (SPNDL) model to use it; start it with --paired-model DIR");
            }
            return calibrated;
        }
        if (primary.needsNeutral()) {
            throw new ApiException(400, "neutral_required", "model '" + primary.id() + "' compares each face with the"
                    + " same person's neutral face: send a 'neutral' image or ?person=ID of an enrolled person");
        }
        return primary;
    }

    private List<Predictor.Result> await(java.util.concurrent.CompletableFuture<List<Predictor.Result>> f) throws Exception {
        try {
            return f.get(PREDICT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(503, "timeout", "the model did not answer within " + PREDICT_TIMEOUT_MS + " ms", 1);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException a) {
                throw a;
            }
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    /** Every face, best first, at most {@code maxFaces}. */
    private List<DetectedFace> detect(BufferedImage image) throws InterruptedException {
        FaceDetector d = detectors.poll(10, TimeUnit.SECONDS);
        if (d == null) {
            throw new ApiException(503, "busy", "every face detector is busy; retry shortly", 1);
        }
        try {
            List<DetectedFace> faces = d.detect(image);
            return faces.size() > options.maxFaces() ? List.copyOf(faces.subList(0, options.maxFaces())) : faces;
        } finally {
            detectors.add(d);
        }
    }

    private DetectedFace oneFace(BufferedImage image, String field, boolean inPredict) throws InterruptedException {
        List<DetectedFace> faces = detect(image);
        if (faces.size() != 1) {
            throw new ApiException(422, "neutral_faces", field + ": a neutral photo needs exactly one face; the "
                    + options.detector() + " detector found " + faces.size()
                    + (inPredict ? "" : " (or send a face crop with ?detect=false)"));
        }
        return faces.get(0);
    }

    /**
     * The image (and neutral image) of a request: multipart fields {@code image}/{@code neutral}, a JSON object
     * with base64 {@code image}/{@code neutral}, or the raw body as the image. Never more than the body limit.
     */
    private Body body(Context ctx, boolean neutralAllowed) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            UploadedFile image;
            UploadedFile neutral;
            try {
                image = ctx.uploadedFile("image");
                neutral = neutralAllowed ? ctx.uploadedFile("neutral") : null;
            } catch (RuntimeException e) {
                String m = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
                if (m.toLowerCase(Locale.ROOT).contains("exceed") || m.toLowerCase(Locale.ROOT).contains("too large")) {
                    throw new ApiException(413, "body_too_large", "the upload is over the " + options.maxBodyBytes() + "-byte limit");
                }
                throw new ApiException(400, "bad_multipart", "unreadable multipart body");
            }
            if (image == null) {
                throw new ApiException(400, "missing_image", "the multipart body has no 'image' file field");
            }
            return new Body(read(image), neutral == null ? null : read(neutral));
        }
        byte[] bytes = readBody(ctx);
        if (type.startsWith("application/json")) {
            JsonNode n;
            try {
                n = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new ApiException(400, "bad_json", "the body is not valid JSON (" + firstLine(e.getMessage()) + ")");
            }
            if (n == null || !n.isObject() || !n.path("image").isTextual()) {
                throw new ApiException(400, "bad_json", "expected {\"image\": \"<base64>\"" + (neutralAllowed
                        ? ", \"neutral\": \"<base64>\" (optional)" : "") + "}");
            }
            byte[] neutral = null;
            if (neutralAllowed && n.hasNonNull("neutral")) {
                if (!n.get("neutral").isTextual()) {
                    throw new ApiException(400, "bad_json", "'neutral' must be a base64 string");
                }
                neutral = base64(n.get("neutral").asText(), "neutral");
            }
            return new Body(base64(n.get("image").asText(), "image"), neutral);
        }
        if (bytes.length == 0) {
            throw new ApiException(400, "empty_body", "the body is empty; send an image (raw, multipart 'image', or JSON base64)");
        }
        return new Body(bytes, null);
    }

    private byte[] read(UploadedFile f) {
        try (InputStream in = f.content()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxBodyBytes() + 1));
            if (b.length > options.maxBodyBytes()) {
                throw new ApiException(413, "body_too_large", "the upload is over the " + options.maxBodyBytes() + "-byte limit");
            }
            return b;
        } catch (IOException e) {
            throw new ApiException(400, "bad_multipart", "the upload could not be read (" + e.getMessage() + ")");
        }
    }

    private byte[] readBody(Context ctx) {
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxBodyBytes() + 1));
            if (b.length > options.maxBodyBytes()) {
                throw new ApiException(413, "body_too_large", "the body is over the " + options.maxBodyBytes() + "-byte limit");
            }
            return b;
        } catch (IOException e) {
            throw new ApiException(400, "bad_body", "the body could not be read (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static byte[] base64(String s, String field) {
        String data = s;
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            if (comma < 0 || !data.substring(0, comma).endsWith(";base64")) {
                throw new ApiException(400, "bad_base64", field + ": a data URL must be base64 (data:image/png;base64,...)");
            }
            data = data.substring(comma + 1);
        }
        try {
            return Base64.getMimeDecoder().decode(data.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_base64", field + ": not valid base64 (" + e.getMessage() + ")");
        }
    }

    private static boolean flag(Context ctx, String name, boolean fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new ApiException(400, "bad_parameter", "?" + name + "= takes true or false, got '" + v + "'");
        };
    }

    // ---- responses ----

    private List<Map<String, Object>> models() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServedModel m : predictors.keySet()) {
            Preprocessing p = m.classifier().preprocessing();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", m.id());
            List<String> roles = new ArrayList<>();
            if (m == primary) {
                roles.add("primary");
            }
            if (m == calibrated) {
                roles.add("calibrated");
            }
            e.put("roles", roles);
            e.put("kind", m.classifier().kindName());
            e.put("classes", m.classifier().labels().names());
            e.put("needs_neutral", m.needsNeutral());
            Map<String, Object> pre = new LinkedHashMap<>();
            pre.put("size", p.size());
            pre.put("channels", p.channels());
            pre.put("margin", p.margin());
            pre.put("mean", p.mean());
            pre.put("std", p.std());
            e.put("preprocessing", pre);
            e.put("provenance", m.provenance());
            out.add(e);
        }
        return out;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void page(Context ctx, String name, String type) {
        try (InputStream in = FerServer.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new ApiException(500, "internal", "the page's " + name + " is missing from the jar");
            }
            ctx.contentType(type);
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:;"
                    + " connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
            ctx.result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void json(Context ctx, int status, Object body) throws IOException {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(JSON.writeValueAsBytes(body));
    }

    private void error(Context ctx, ApiException e) {
        metrics.error(e.code());
        ctx.attribute(ERROR_MARK, Boolean.TRUE);
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", e.code());
        m.put("detail", e.getMessage());
        try {
            json(ctx, e.status(), m);
        } catch (IOException io) {
            ctx.status(e.status());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (app != null) {
            app.stop();
        }
        batchers.values().forEach(MicroBatcher::close);
        predictors.values().forEach(Predictor::close);
        if (decoder != null) {
            decoder.close();
        }
        allDetectors.forEach(FaceDetector::close);
    }
}
