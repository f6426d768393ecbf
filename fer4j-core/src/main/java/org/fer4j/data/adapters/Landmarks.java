package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;

/** Landmark files of one point per line, {@code x y} (CK+'s 68-point files, in any float notation). */
public final class Landmarks {
    private Landmarks() {
    }

    /**
     * Reads the points of {@code file}.
     *
     * @param expected the number of points the file must hold, or -1 for any number of at least two
     * @throws IOException with a reason (the caller names the file): unreadable, a bad line, or a count other
     *                     than {@code expected}
     */
    public static List<double[]> read(Path file, int expected) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IOException("cannot read landmarks (" + e.getMessage() + ")", e);
        }
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] xy = line.split("[\\s,;]+");
            try {
                if (xy.length != 2) {
                    throw new NumberFormatException();
                }
                double x = Double.parseDouble(xy[0]);
                double y = Double.parseDouble(xy[1]);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    throw new NumberFormatException();
                }
                points.add(new double[] {x, y});
            } catch (NumberFormatException e) {
                throw new IOException("landmarks line " + (i + 1) + " is '" + line + "', expected two numbers 'x y'");
            }
        }
        if (expected >= 0 ? points.size() != expected : points.size() < 2) {
            throw new IOException(points.size() + " landmark points, expected " + (expected >= 0 ? expected : "at least 2"));
        }
        return points;
    }

    /** The box of the points: left-, right-, top- and bottom-most (what CK+'s protocol crops by). */
    public static FaceBox box(Path file, int expected) throws IOException {
        return FaceBox.around(read(file, expected));
    }
}
