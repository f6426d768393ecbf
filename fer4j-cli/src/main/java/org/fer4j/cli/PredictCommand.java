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
import org.fer4j.vision.faceapi.FaceExpressionModel;
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

    @Option(names = "--neutral-face-box", split = ",", description = "Face box x,y,w,h of the --neutral image (default: whole image).")
    double[] neutralFaceBox;

    @Option(names = "--neutral-landmarks", description = "Crop the --neutral image by the box of these landmarks.")
    Path neutralLandmarks;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--batch-size", defaultValue = "32")
    @Range(min = 1, max = 4096)
    int batchSize;

    @picocli.CommandLine.Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new IllegalArgumentException("unknown --format '" + format + "'; use table, csv or json");
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

    private void print(PrintWriter out, List<Prediction> predictions) throws IOException {
        switch (format) {
            case "json" -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Prediction p : predictions) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("image", p.name());
                    row.put("label", p.label());
                    row.put("confidence", p.confidence());
                    Map<String, Double> probs = new LinkedHashMap<>();
                    for (int j = 0; j < p.classes().size(); j++) {
                        probs.put(p.classes().get(j), p.probabilities()[j]);
                    }
                    row.put("probabilities", probs);
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
