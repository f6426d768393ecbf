package org.fer4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.data.FaceBox;
import org.fer4j.inference.Prediction;
import org.fer4j.util.AtomicFiles;
import org.fer4j.vision.wild.Annotator;
import org.fer4j.vision.wild.PhotoFaces;

/**
 * {@code predict --detector}: writes one row per detected face (image, face index, box, detection
 * score, label, probabilities) as table, CSV, JSON or JSON lines, and the annotated photos. Rows stream
 * out as photos finish, except JSON (one array at the end).
 */
final class PhotoPredictions implements PhotoFaces.Sink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final PrintWriter err;
    private final String format;
    private final Path annotate;
    private final boolean annotateIsFile;
    private final Path root;
    private final List<Map<String, Object>> jsonRows = new ArrayList<>();
    private boolean header;
    private String firstFailure;
    private final boolean single;
    private int failedFaces;
    int noFace;

    /**
     * @param annotate       null, a file (one photo) or a folder (annotated copies named after their photos)
     * @param annotateIsFile one photo (--image): its failure is the command's error, not a skipped line
     * @param root     the --folder the photos were found in (annotated copies keep their sub-folders), or null
     */
    PhotoPredictions(PrintWriter out, PrintWriter err, String format, Path annotate, boolean annotateIsFile, Path root) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.annotate = annotate;
        this.annotateIsFile = annotateIsFile;
        this.root = root;
        this.single = annotateIsFile;
    }

    @Override
    public void photo(PhotoFaces.Photo photo, BufferedImage image, List<PhotoFaces.Face> faces) throws IOException {
        if (faces.isEmpty()) {
            noFace++;
            err.println("fer4j: " + photo.name() + ": no face found");
        }
        List<Annotator.Mark> marks = new ArrayList<>();
        for (PhotoFaces.Face f : faces) {
            FaceBox b = f.detection().box();
            if (!f.result().ok()) {
                failedFaces++;
                err.println("fer4j: skipped face " + f.index() + " of " + photo.name() + ": " + f.result().failure());
                continue;
            }
            Prediction p = f.result().prediction();
            marks.add(new Annotator.Mark(b, p.label() + String.format(Locale.ROOT, " %.2f", p.confidence())));
            row(photo.name(), f.index(), b, f.detection().score(), p);
        }
        out.flush();
        if (annotate != null) {
            Path target = annotateIsFile ? annotate : annotate.resolve(annotatedName(photo.name()));
            String ext = target.getFileName().toString().toLowerCase(Locale.ROOT);
            String fmt = ext.endsWith(".jpg") || ext.endsWith(".jpeg") ? "jpg" : "png";
            BufferedImage drawn = Annotator.draw(image, marks);
            AtomicFiles.writeFile(target, tmp -> {
                if (!ImageIO.write(drawn, fmt, tmp.toFile())) {
                    throw new IOException("no " + fmt + " writer");
                }
            });
        }
    }

    /** {@code OUT/<path under --folder, or the file name>.png}. */
    private String annotatedName(String image) {
        Path p = Path.of(image);
        Path rel = root != null && p.startsWith(root) ? root.relativize(p) : p.getFileName();
        String s = rel.toString();
        int dot = s.lastIndexOf('.');
        return (dot > 0 ? s.substring(0, dot) : s) + ".png";
    }

    @Override
    public void failed(PhotoFaces.Photo photo, String why) {
        if (firstFailure == null) {
            firstFailure = why;
        }
        if (!single) {
            err.println("fer4j: skipped " + why);
        }
    }

    /** The first photo's failure (a single --image's failure is the command's error). */
    String firstFailure() {
        return firstFailure;
    }


    private void row(String image, int index, FaceBox b, double score, Prediction p) throws IOException {
        switch (format) {
            case "json", "jsonl" -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("image", image);
                row.put("face", index);
                row.put("box", b.toMap());
                row.put("score", score);
                row.put("label", p.label());
                row.put("confidence", p.confidence());
                row.put("probabilities", p.probabilityMap());
                if (format.equals("jsonl")) {
                    out.println(JSON.writeValueAsString(row));
                } else {
                    jsonRows.add(row);
                }
            }
            case "csv" -> {
                if (!header) {
                    header = true;
                    out.println("image,face,x,y,width,height,score,label,confidence," + String.join(",", p.classes()));
                }
                StringBuilder sb = new StringBuilder(csvField(image)).append(',').append(index);
                for (double v : new double[] {b.x(), b.y(), b.width(), b.height(), score}) {
                    sb.append(String.format(Locale.ROOT, ",%.5g", v));
                }
                sb.append(',').append(p.label()).append(String.format(Locale.ROOT, ",%.5f", p.confidence()));
                for (double v : p.probabilities()) {
                    sb.append(String.format(Locale.ROOT, ",%.5f", v));
                }
                out.println(sb);
            }
            default -> {
                if (!header) {
                    header = true;
                    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-30s %4s %-22s %5s  %-10s %6s",
                            "image", "face", "box x,y,w,h", "score", "label", "conf"));
                    p.classes().forEach(c -> h.append(String.format(Locale.ROOT, " %9.9s", c)));
                    out.println(h);
                }
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-30s %4d %-22s %5.3f  %-10s %6.3f", image, index,
                        String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f", b.x(), b.y(), b.width(), b.height()), score,
                        p.label(), p.confidence()));
                for (double v : p.probabilities()) {
                    sb.append(String.format(Locale.ROOT, " %9.3f", v));
                }
                out.println(sb);
            }
        }
    }

    /** The JSON array, for {@code --format json}. */
    void finish() throws IOException {
        if (format.equals("json")) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(jsonRows));
        }
        out.flush();
    }

    int failedFaces() {
        return failedFaces;
    }

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Photos of a folder and its sub-folders, sorted. */
    static List<Path> walk(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder");
        }
        try (var files = Files.walk(folder)) {
            return files.filter(p -> Files.isRegularFile(p) && org.fer4j.data.adapters.Layout.isImage(p)).sorted().toList();
        }
    }
}
