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
    private final boolean withLandmarks;
    private boolean withNeutral;
    int noFace;

    /**
     * @param annotate       null, a file (one photo) or a folder (annotated copies named after their photos)
     * @param annotateIsFile one photo (--image): its failure is the command's error, not a skipped line
     * @param root     the --folder the photos were found in (annotated copies keep their sub-folders), or null
     */
    PhotoPredictions(PrintWriter out, PrintWriter err, String format, Path annotate, boolean annotateIsFile, Path root,
                     boolean withLandmarks) {
        this.withLandmarks = withLandmarks;
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
            row(photo.name(), f.index(), b, f.detection().score(), p, f.landmarks(), f.neutral());
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

    /** Rows name the enrolled person whose neutral face each face was matched to, and the descriptor distance. */
    PhotoPredictions withNeutralColumns() {
        this.withNeutral = true;
        return this;
    }

    /** The first photo's failure (a single --image's failure is the command's error). */
    String firstFailure() {
        return firstFailure;
    }


    private void row(String image, int index, FaceBox b, double score, Prediction p, List<double[]> landmarks,
                     PhotoFaces.NeutralMatch neutral) throws IOException {
        String person = neutral == null ? "" : neutral.person();
        String distance = neutral == null ? "" : String.format(Locale.ROOT, "%.4f", neutral.distance());
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
                if (withLandmarks) {
                    row.put("landmarks", landmarks);
                }
                if (withNeutral) {
                    row.put("neutral", person);
                    row.put("neutral_distance", neutral == null ? null : neutral.distance());
                }
                if (format.equals("jsonl")) {
                    out.println(JSON.writeValueAsString(row));
                } else {
                    jsonRows.add(row);
                }
            }
            case "csv" -> {
                if (!header) {
                    header = true;
                    out.println("image,face,x,y,width,height,score,label,confidence," + String.join(",", p.classes())
                            + (withLandmarks ? ",landmarks" : "") + (withNeutral ? ",neutral,neutral_distance" : ""));
                }
                StringBuilder sb = new StringBuilder(csvField(image)).append(',').append(index);
                for (double v : new double[] {b.x(), b.y(), b.width(), b.height(), score}) {
                    sb.append(String.format(Locale.ROOT, ",%.5g", v));
                }
                sb.append(',').append(p.label()).append(String.format(Locale.ROOT, ",%.5f", p.confidence()));
                for (double v : p.probabilities()) {
                    sb.append(String.format(Locale.ROOT, ",%.5f", v));
                }
                if (withLandmarks) {
                    sb.append(',').append(landmarkCell(landmarks));
                }
                if (withNeutral) {
                    sb.append(',').append(csvField(person)).append(',').append(distance);
                }
                out.println(sb);
            }
            default -> {
                if (!header) {
                    header = true;
                    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-30s %4s %-22s %5s  %-10s %6s",
                            "image", "face", "box x,y,w,h", "score", "label", "conf"));
                    p.classes().forEach(c -> h.append(String.format(Locale.ROOT, " %9.9s", c)));
                    if (withNeutral) {
                        h.append("  neutral (distance)");
                    }
                    if (withLandmarks) {
                        h.append("  landmarks");
                    }
                    out.println(h);
                }
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-30s %4d %-22s %5.3f  %-10s %6.3f", image, index,
                        String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f", b.x(), b.y(), b.width(), b.height()), score,
                        p.label(), p.confidence()));
                for (double v : p.probabilities()) {
                    sb.append(String.format(Locale.ROOT, " %9.3f", v));
                }
                if (withNeutral) {
                    sb.append("  ").append(person).append(" (").append(distance).append(')');
                }
                if (withLandmarks) {
                    sb.append("  ").append(landmarkCell(landmarks));
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

    /**
     * 68 points in one CSV or table cell: {@code x y} pairs (pixels, one decimal) joined by {@code ;}, no comma
     * or quote, so the cell needs no quoting and parses back with {@link #parseLandmarkCell}; empty when the face
     * has none.
     */
    static String landmarkCell(List<double[]> points) {
        if (points == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(points.size() * 12);
        for (double[] pt : points) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(String.format(Locale.ROOT, "%.1f %.1f", pt[0], pt[1]));
        }
        return sb.toString();
    }

    /** The points of a {@link #landmarkCell} (empty list for an empty cell); a malformed cell names its problem. */
    static List<double[]> parseLandmarkCell(String cell) {
        List<double[]> out = new ArrayList<>();
        if (cell == null || cell.isBlank()) {
            return out;
        }
        for (String pair : cell.split(";")) {
            String[] xy = pair.trim().split(" ");
            if (xy.length != 2) {
                throw new IllegalArgumentException("landmark cell: '" + pair + "' is not an 'x y' pair");
            }
            out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return out;
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
