package org.fer4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.adapters.Landmarks;
import org.fer4j.data.adapters.Layout;
import org.fer4j.data.adapters.Manifest;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Prediction;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectors;
import org.fer4j.vision.faceapi.FaceExpressionModel;
import org.fer4j.vision.faceapi.FaceRecognitionModel;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.vision.wild.FaceClassifier;
import org.fer4j.vision.wild.NeutralGallery;
import org.fer4j.vision.wild.PhotoFaces;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fer4j predict}: label and class probabilities for one image, a folder, or a manifest of pairs. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict expressions of face images with a trained model (table, CSV or JSON).")
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model folder written by train (RUN/fold-0/model), or "
            + "faceapi-expression: the pretrained face-api network from the model store (fer4j models install faceapi-expression).")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--image", description = "One face image.")
        Path image;
        @Option(names = "--folder", description = "A folder of face images (all predicted; unreadable ones reported).")
        Path folder;
        @Option(names = "--manifest", description = "CSV with a 'path' column and, for paired models, a 'neutral' column.")
        Path manifest;
    }

    @Option(names = "--neutral", description = "The same person's neutral face (paired SPNDL models); with --folder it is used for every image.")
    Path neutral;

    @Option(names = "--face-box", split = ",", description = "Face box x,y,w,h in source pixels (default: whole image).")
    double[] faceBox;

    @Option(names = "--landmarks", description = "Crop by the box of these landmarks (one 'x y' per line, e.g. a CK+ _landmarks.txt), as CK+ models were trained.")
    Path landmarks;

    @Option(names = "--with-landmarks", description = "With --detector: each face row carries face-api's 68 landmarks in"
            + " photo pixels (json/jsonl: an array of [x, y]; csv/table: a column 'landmarks', 'x y;x y;…'); needs"
            + " 'fer4j models install faceapi-landmark68'. (--landmarks is the landmark file of a face crop.)")
    boolean withLandmarks;

    @Option(names = "--neutral-auto-from", paramLabel = "FOLDER", description = "With --detector and a paired model: each"
            + " face gets its own person's neutral face from FOLDER (one photo per person, one face each, named after the"
            + " person, e.g. alice.jpg), matched by face-api's face-recognition descriptor; a face with no one within"
            + " --match-distance is skipped and says so. Needs 'fer4j models install faceapi-recognition'.")
    Path neutralAutoFrom;

    @Option(names = "--match-distance", defaultValue = "0.6", description = "Largest descriptor distance taken as the"
            + " same person for --neutral-auto-from (face-api's 0.6 by default).")
    double matchDistance;

    @Option(names = "--neutral-face-box", split = ",", description = "Face box x,y,w,h of the --neutral image (default: whole image).")
    double[] neutralFaceBox;

    @Option(names = "--neutral-landmarks", description = "Crop the --neutral image by the box of these landmarks.")
    Path neutralLandmarks;

    @Option(names = "--format", defaultValue = "table", description = "table, csv, json or jsonl (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--detector", description = "Find every face in raw photos with this detector (blazeface or haar) and predict each;"
            + " --folder then includes sub-folders. Without it the images are face crops (as --no-detect).")
    String detector;

    @Option(names = "--no-detect", description = "The images are face crops (the default when no --detector is named).")
    boolean noDetect;

    @Option(names = "--min-face", defaultValue = "24", description = "With --detector: smallest face side in pixels (default: ${DEFAULT-VALUE}).")
    @Range(min = 24, max = 12_000)
    int minFace;

    @Option(names = "--min-score", defaultValue = "0", description = "With --detector: drop faces the detector scores below this, in [0, 1].")
    @Range(min = 0, max = 1)
    double minScore;

    @Option(names = "--annotate", description = "With --detector: write the photo with boxes and labels to this file"
            + " (--image) or folder (--folder, --manifest: one PNG per photo).")
    Path annotate;

    @Option(names = "--batch-size", defaultValue = "32")
    @Range(min = 1, max = 4096)
    int batchSize;

    @picocli.CommandLine.Mixin
    EngineOptions engine;

    @picocli.CommandLine.Mixin
    CropOption crop;

    @Override
    public Integer call() throws Exception {
        if (!List.of("table", "csv", "json", "jsonl").contains(format)) {
            throw new IllegalArgumentException("unknown --format '" + format + "'; use table, csv, json or jsonl");
        }
        if (detector != null && noDetect) {
            throw new IllegalArgumentException("give --detector or --no-detect, not both");
        }
        if (detector == null && annotate != null) {
            throw new IllegalArgumentException("--annotate draws detected faces: it needs --detector (e.g. --detector haar)");
        }
        crop.check();
        if (detector == null && !crop.isBox()) {
            throw new IllegalArgumentException("--crop " + crop.crop + " crops detected faces: it needs --detector (e.g. --detector haar)");
        }
        if (detector == null && neutralAutoFrom != null) {
            throw new IllegalArgumentException("--neutral-auto-from matches the faces a detector finds: add --detector");
        }
        if (detector == null && withLandmarks) {
            throw new IllegalArgumentException("--with-landmarks locates the landmarks of detected faces: it needs --detector"
                    + " (e.g. --detector haar)");
        }
        if (detector != null) {
            return photos();
        }
        FaceBox box = box("--face-box", faceBox, "--landmarks", landmarks);
        FaceBox neutralBox = box("--neutral-face-box", neutralFaceBox, "--neutral-landmarks", neutralLandmarks);
        if (neutralBox != null && neutral == null) {
            throw new IllegalArgumentException("--neutral-face-box and --neutral-landmarks need --neutral");
        }
        List<FaceInput> inputs = inputs(box, neutralBox);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no images to predict in " + (source.folder != null ? source.folder : source.manifest));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Prediction> predictions = new ArrayList<>();
        int failed = 0;
        if (model.toString().equals(FaceExpressionModel.ARTIFACT) && !Files.exists(model)) {
            List<String> failures = new ArrayList<>();
            predictions.addAll(FaceApiPredictions.predict(inputs, failures));
            failures.forEach(f -> err.println("fer4j: skipped " + f));
            failed = failures.size();
        } else {
            try (EngineModel m = EngineModel.open(engine.engine, model); Predictor predictor = m.predictor()) {
                inputs.forEach(predictor::check);
                boolean single = source.image != null;
                for (int i = 0; i < inputs.size(); i += batchSize) {
                    List<FaceInput> chunk = inputs.subList(i, Math.min(inputs.size(), i + batchSize));
                    if (single) {
                        predictions.addAll(predictor.predict(chunk)); // one image: its error is the command's
                        continue;
                    }
                    for (Predictor.Result r : predictor.predictEach(chunk)) { // report a bad file, keep the rest
                        if (r.ok()) {
                            predictions.add(r.prediction());
                        } else {
                            failed++;
                            err.println("fer4j: skipped " + r.failure());
                        }
                    }
                }
            }
        }
        print(out, predictions);
        out.flush();
        if (predictions.isEmpty()) {
            err.println("fer4j: none of the " + inputs.size() + " images " + (source.image != null ? ""
                    : "in " + (source.folder != null ? source.folder : source.manifest) + " ") + "could be read");
            return Fer4j.BAD_INPUT;
        }
        if (failed > 0) {
            err.println("fer4j: " + failed + " of " + inputs.size() + " images skipped");
        }
        return 0;
    }

    /** The crop box from {@code x,y,w,h} or from a landmark file (at most one of the two). */
    private static FaceBox box(String boxOption, double[] xywh, String landmarkOption, Path landmarkFile) throws IOException {
        if (xywh != null && landmarkFile != null) {
            throw new IllegalArgumentException("give " + boxOption + " or " + landmarkOption + ", not both");
        }
        if (landmarkFile != null) {
            if (!Files.isRegularFile(landmarkFile)) {
                throw new IOException(landmarkFile + ": landmarks file not found");
            }
            try {
                return FaceBox.around(Landmarks.read(landmarkFile, -1));
            } catch (IOException e) {
                throw new IOException(landmarkFile + ": " + e.getMessage(), e);
            }
        }
        if (xywh == null) {
            return null;
        }
        if (xywh.length != 4) {
            throw new IllegalArgumentException(boxOption + " needs four numbers x,y,w,h");
        }
        return new FaceBox(xywh[0], xywh[1], xywh[2], xywh[3]);
    }

    private List<FaceInput> inputs(FaceBox box, FaceBox neutralBox) throws IOException {
        ImageRef neutralRef = neutral == null ? null : ImageRef.of(neutral);
        List<FaceInput> list = new ArrayList<>();
        if (source.image != null) {
            list.add(new FaceInput(source.image.toString(), ImageRef.of(source.image), neutralRef, box, neutralBox));
        } else if (source.folder != null) {
            if (!Files.isDirectory(source.folder)) {
                throw new IOException(source.folder + ": not a folder");
            }
            try (Stream<Path> files = Files.list(source.folder)) {
                files.filter(Layout::isImage).sorted()
                        .forEach(p -> list.add(new FaceInput(p.toString(), ImageRef.of(p), neutralRef, box, neutralBox)));
            }
        } else {
            list.addAll(readManifest(source.manifest, box));
        }
        return list;
    }

    /**
     * The manifest's faces (the dataset adapter's CSV reading: quoting, face-box columns); {@code --face-box}
     * applies to rows without a box of their own.
     */
    static List<FaceInput> readManifest(Path csv, FaceBox box) throws IOException {
        List<FaceInput> out = new ArrayList<>();
        for (Manifest.Face f : Manifest.readFaces(csv)) {
            out.add(new FaceInput(f.name(), ImageRef.of(f.image()), f.neutral() == null ? null : ImageRef.of(f.neutral()),
                    f.box() != null ? f.box() : box));
        }
        return out;
    }

    /** {@code --detector}: every face of every photo, batched across photos. */
    private int photos() throws Exception {
        if (faceBox != null || landmarks != null) {
            throw new IllegalArgumentException("--face-box and --landmarks name one face of a crop; with --detector the"
                    + " detector finds the faces (or use --no-detect)");
        }
        FaceBox neutralBox = box("--neutral-face-box", neutralFaceBox, "--neutral-landmarks", neutralLandmarks);
        if (neutralBox != null && neutral == null) {
            throw new IllegalArgumentException("--neutral-face-box and --neutral-landmarks need --neutral");
        }
        List<PhotoFaces.Photo> photos = new ArrayList<>();
        ImageRef neutralRef = neutral == null ? null : ImageRef.of(neutral);
        if (neutral != null && !Files.isRegularFile(neutral)) {
            throw new IOException(neutral + ": neutral image not found");
        }
        if (source.image != null) {
            if (!Files.exists(source.image)) {
                throw new IOException(source.image + ": image not found");
            }
            photos.add(new PhotoFaces.Photo(source.image.toString(), ImageRef.of(source.image), null, neutralRef, neutralBox));
        } else if (source.folder != null) {
            for (Path p : PhotoPredictions.walk(source.folder)) {
                photos.add(new PhotoFaces.Photo(p.toString(), ImageRef.of(p), null, neutralRef, neutralBox));
            }
        } else {
            for (FaceInput f : readManifest(source.manifest, null)) {
                photos.add(new PhotoFaces.Photo(f.name(), f.image(), f.box(), f.neutral() != null ? f.neutral() : neutralRef,
                        f.neutral() != null ? null : neutralBox));
            }
        }
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("no images to predict in " + (source.folder != null ? source.folder : source.manifest));
        }
        boolean annotateIsFile = source.image != null;
        if (annotate != null) {
            if (annotateIsFile && Files.isDirectory(annotate)) {
                throw new IOException(annotate + ": is a folder; --annotate with --image names the file to write");
            }
            if (!annotateIsFile && Files.exists(annotate) && !Files.isDirectory(annotate)) {
                throw new IOException(annotate + ": not a folder; --annotate with --folder or --manifest names a folder");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (neutralAutoFrom != null && neutral != null) {
            throw new IllegalArgumentException("--neutral-auto-from finds each face's neutral face; drop --neutral");
        }
        if (!(matchDistance > 0)) {
            throw new IllegalArgumentException("--match-distance must be positive, got " + matchDistance);
        }
        if (neutralAutoFrom != null && !Files.isDirectory(neutralAutoFrom)) {
            throw new IOException(neutralAutoFrom + ": --neutral-auto-from is not a folder of neutral photos");
        }
        PhotoPredictions sink = new PhotoPredictions(out, err, format, annotate, annotateIsFile, source.folder, withLandmarks);
        if (neutralAutoFrom != null) {
            sink.withNeutralColumns();
        }
        PhotoFaces.Summary summary;
        boolean faceApi = model.toString().equals(FaceExpressionModel.ARTIFACT) && !Files.exists(model);
        try (FaceDetector d = FaceDetectors.open(detector, new FaceDetectors.Options(minFace, minScore));
                CropOption.Cropper cropper = crop.open(withLandmarks)) {
            if (faceApi) {
                if (neutral != null) {
                    throw new IllegalArgumentException(FaceExpressionModel.ARTIFACT + " takes one face; drop --neutral");
                }
                try (FaceApiClassifier c = FaceApiClassifier.open()) {
                    summary = new PhotoFaces(d, cropper.cropper(), c, batchSize).run(photos, sink);
                }
            } else {
                try (EngineModel m = EngineModel.open(engine.engine, model); Predictor predictor = m.predictor()) {
                    boolean paired = m.classifier().needsNeutral();
                    if (neutralAutoFrom != null && !paired) {
                        throw new IllegalArgumentException("--neutral-auto-from is for paired models; " + model
                                + " needs no neutral face");
                    }
                    if (neutralAutoFrom != null) {
                        try (FaceRecognitionModel recognition = FaceRecognitionModel.load(ModelStore.defaultStore())) {
                            NeutralGallery gallery = NeutralGallery.enrol(neutralAutoFrom, d, recognition, matchDistance);
                            err.println("fer4j: " + gallery.people().size() + " neutral faces enrolled from " + neutralAutoFrom
                                    + ": " + String.join(", ", gallery.people().keySet()));
                            summary = new PhotoFaces(d, cropper.cropper(), FaceClassifier.of(predictor, true), batchSize, gallery)
                                    .run(photos, sink);
                        }
                    } else {
                        if (paired && neutralRef == null && photos.stream().anyMatch(p -> p.neutral() == null)) {
                            predictor.check(new FaceInput(photos.get(0).name(), photos.get(0).image(), null, null));
                        }
                        summary = new PhotoFaces(d, cropper.cropper(), FaceClassifier.of(predictor, paired), batchSize).run(photos, sink);
                    }
                }
            }
        }
        sink.finish();
        if (source.image != null && summary.failed() > 0) {
            throw new IOException(sink.firstFailure());
        }
        if (summary.failed() == summary.photos()) {
            err.println("fer4j: none of the " + summary.photos() + " images " + (source.image != null ? ""
                    : "in " + (source.folder != null ? source.folder : source.manifest) + " ") + "could be read");
            return Fer4j.BAD_INPUT;
        }
        err.println("fer4j: " + summary.predicted() + " faces predicted in " + (summary.photos() - summary.failed()) + " of "
                + summary.photos() + " images" + (sink.noFace > 0 ? " (" + sink.noFace + " without a face)" : "")
                + (summary.failed() > 0 ? ", " + summary.failed() + " skipped" : ""));
        return 0;
    }

    private void print(PrintWriter out, List<Prediction> predictions) throws IOException {
        switch (format) {
            case "jsonl" -> {
                ObjectMapper json = new ObjectMapper();
                for (Prediction p : predictions) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("image", p.name());
                    row.put("label", p.label());
                    row.put("confidence", p.confidence());
                    row.put("probabilities", p.probabilityMap());
                    out.println(json.writeValueAsString(row));
                }
            }
            case "json" -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Prediction p : predictions) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("image", p.name());
                    row.put("label", p.label());
                    row.put("confidence", p.confidence());
                    row.put("probabilities", p.probabilityMap());
                    rows.add(row);
                }
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            }
            case "csv" -> {
                if (predictions.isEmpty()) {
                    return;
                }
                out.println("image,label,confidence," + String.join(",", predictions.get(0).classes()));
                for (Prediction p : predictions) {
                    StringBuilder sb = new StringBuilder(csvField(p.name())).append(',').append(p.label())
                            .append(String.format(Locale.ROOT, ",%.5f", p.confidence()));
                    for (double v : p.probabilities()) {
                        sb.append(String.format(Locale.ROOT, ",%.5f", v));
                    }
                    out.println(sb);
                }
            }
            default -> {
                if (predictions.isEmpty()) {
                    return;
                }
                List<String> classes = predictions.get(0).classes();
                int w = Math.max(5, predictions.stream().mapToInt(p -> p.name().length()).max().orElse(5));
                StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %-10s %6s", "image", "label", "conf"));
                classes.forEach(c -> h.append(String.format(Locale.ROOT, " %9.9s", c)));
                out.println(h);
                for (Prediction p : predictions) {
                    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %-10s %6.3f", p.name(),
                            p.label(), p.confidence()));
                    for (double v : p.probabilities()) {
                        sb.append(String.format(Locale.ROOT, " %9.3f", v));
                    }
                    out.println(sb);
                }
            }
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
