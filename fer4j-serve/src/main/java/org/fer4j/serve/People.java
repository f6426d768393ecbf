package org.fer4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fer4j.data.FaceBox;
import org.fer4j.util.AtomicFiles;

/**
 * Enrolled people: each one's neutral face (the region around it, enough for any crop margin, and the box
 * in it), in memory and, when a folder is given, on disk as {@code ID.png} + {@code ID.json} written
 * atomically and read back at start. Ids are short names of letters, digits, {@code _} and {@code -}: never
 * a path, so a request cannot name a file.
 */
final class People {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A person's neutral face: the image region and the face box in it. */
    record Neutral(String id, BufferedImage image, FaceBox box, double score) {
    }

    private final Map<String, Neutral> people = new ConcurrentHashMap<>();
    private final Path dir;
    private final int max;

    People(Path dir, int max) throws IOException {
        this.dir = dir;
        this.max = max;
        if (dir != null) {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path json : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    String name = json.getFileName().toString();
                    String id = name.substring(0, name.length() - 5);
                    if (!ID.matcher(id).matches()) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(json.toFile());
                    BufferedImage img = ImageIO.read(dir.resolve(id + ".png").toFile());
                    if (img == null) {
                        throw new IOException(dir.resolve(id + ".png") + ": not a PNG (the people store is damaged)");
                    }
                    JsonNode b = n.get("box");
                    people.put(id, new Neutral(id, img, new FaceBox(b.get("x").asDouble(), b.get("y").asDouble(),
                            b.get("width").asDouble(), b.get("height").asDouble()), n.path("score").asDouble()));
                }
            }
        }
    }

    /** The id, checked; a 400 for anything else. */
    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ApiException(400, "bad_person_id", "a person id is 1 to 64 letters, digits, '_' or '-' (starting"
                    + " with a letter or digit)");
        }
        return id;
    }

    Neutral get(String id) {
        Neutral n = people.get(checkId(id));
        if (n == null) {
            throw new ApiException(404, "unknown_person", "no neutral face is enrolled for person '" + id
                    + "'; POST one to /v1/people/" + id + "/neutral first");
        }
        return n;
    }

    int size() {
        return people.size();
    }

    /** Keeps the neutral face, around its box, replacing an earlier one. */
    Neutral put(String id, BufferedImage image, FaceBox box, double score) throws IOException {
        checkId(id);
        if (!people.containsKey(id) && people.size() >= max) {
            throw new ApiException(507, "people_full", max + " people are enrolled, the most this server keeps;"
                    + " DELETE some first");
        }
        // Preprocessing squares the box and adds at most one side of margin each way: keep 1.5 sides around the centre.
        double side = Math.max(box.width(), box.height()) * 1.5;
        double cx = box.x() + box.width() / 2;
        double cy = box.y() + box.height() / 2;
        int x0 = (int) Math.max(0, Math.floor(cx - side));
        int y0 = (int) Math.max(0, Math.floor(cy - side));
        int x1 = (int) Math.min(image.getWidth(), Math.ceil(cx + side));
        int y1 = (int) Math.min(image.getHeight(), Math.ceil(cy + side));
        BufferedImage region = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_INT_RGB);
        region.getGraphics().drawImage(image.getSubimage(x0, y0, x1 - x0, y1 - y0), 0, 0, null);
        Neutral n = new Neutral(id, region, new FaceBox(box.x() - x0, box.y() - y0, box.width(), box.height()), score);
        if (dir != null) {
            AtomicFiles.writeFile(dir.resolve(id + ".png"), tmp -> {
                if (!ImageIO.write(region, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer");
                }
            });
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("id", id);
            meta.put("box", Map.of("x", n.box().x(), "y", n.box().y(), "width", n.box().width(), "height", n.box().height()));
            meta.put("score", score);
            AtomicFiles.writeString(dir.resolve(id + ".json"), JSON.writeValueAsString(meta));
        }
        people.put(id, n);
        return n;
    }

    /** Forgets a person; false if unknown. */
    boolean remove(String id) throws IOException {
        checkId(id);
        Neutral n = people.remove(id);
        if (n != null && dir != null) {
            Files.deleteIfExists(dir.resolve(id + ".json"));
            Files.deleteIfExists(dir.resolve(id + ".png"));
        }
        return n != null;
    }
}
