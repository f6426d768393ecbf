package org.fer4j.vision.wild;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.faceapi.FaceDescriptor;
import org.fer4j.vision.faceapi.FaceDescriptors;
import org.fer4j.vision.faceapi.FaceRecognitionModel;

/**
 * Enrolled neutral faces, one per person, matched to the faces of a photo by face-api's face-recognition
 * descriptor: how a paired SPNDL model finds <em>this</em> person's neutral face in a group photo without
 * being told, and how {@code video --neutral-of} finds each track's. Each person is one photo, in a folder
 * ({@code alice.jpg} enrols "alice") or named with an id ({@code alice=FILE}), holding exactly one face; only
 * the region around that face is kept. A face is given the nearest enrolled person within
 * {@link #maxDistance()} (face-api's 0.6 by default) and no one beyond it: a wrong neutral face would give
 * a confidently wrong answer, so an unmatched face is reported, not guessed.
 */
public final class NeutralGallery implements PhotoFaces.NeutralMatcher {
    private static final List<String> IMAGES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff");
    private final Map<String, Person> people;
    private final Map<String, FaceDescriptor> descriptors;
    private final FaceRecognitionModel recognition;
    private final double maxDistance;

    /** One enrolled person: the region around their neutral face, that face in it, and its descriptor. */
    public record Person(String id, String source, BufferedImage region, DetectedFace face, FaceDescriptor descriptor) {
        public Person {
            if (id == null || id.isBlank() || region == null || face == null || descriptor == null) {
                throw new IllegalArgumentException("an enrolled person needs an id, a face region, its face and a descriptor");
            }
        }
    }

    private NeutralGallery(Map<String, Person> people, FaceRecognitionModel recognition, double maxDistance) {
        if (!(maxDistance > 0)) {
            throw new IllegalArgumentException("the match distance must be positive, got " + maxDistance);
        }
        this.people = Collections.unmodifiableMap(people);
        Map<String, FaceDescriptor> d = new LinkedHashMap<>();
        people.forEach((k, v) -> d.put(k, v.descriptor()));
        this.descriptors = Collections.unmodifiableMap(d);
        this.recognition = recognition;
        this.maxDistance = maxDistance;
    }

    /**
     * Enrols every image directly in {@code folder}, named by its file name without the extension. A photo
     * without exactly one face, an unreadable one or an empty folder is an {@link IOException} naming it.
     * The recognition model stays the caller's (it describes the faces matched later too).
     */
    public static NeutralGallery enrol(Path folder, FaceDetector detector, FaceRecognitionModel recognition, double maxDistance)
            throws IOException {
        return enrol(photosIn(folder), detector, recognition, maxDistance);
    }

    /**
     * The neutral photos of {@code folder} by person id (the file name without its extension), in file-name
     * order: what {@link #enrol(Path, FaceDetector, FaceRecognitionModel, double)} enrols. Not a folder, no
     * image in it, or two images of one id ({@code ann.jpg} and {@code ann.png}) is an {@link IOException}.
     */
    public static Map<String, Path> photosIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder of neutral photos");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(p -> IMAGES.stream().anyMatch(
                    e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e))).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(folder + ": no neutral photos (" + String.join(", ", IMAGES) + ")");
        }
        Map<String, Path> photos = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String id = name.substring(0, name.lastIndexOf('.'));
            Path before = photos.putIfAbsent(id, f);
            if (before != null) {
                throw new IOException(f + ": a second neutral photo of '" + id + "' (" + before + ")");
            }
        }
        return photos;
    }

    /**
     * Enrols one neutral photo per person id, in the map's order: the one place ids and files become a gallery,
     * whether they came from a folder ({@link #photosIn}) or were named one by one ({@code video --neutral-of
     * ID=FILE}). An id must be non-blank and free of commas, quotes and control characters (it is written into
     * CSV rows); a missing or unreadable photo, or one without exactly one face, is an {@link IOException} naming
     * the file and the id.
     */
    public static NeutralGallery enrol(Map<String, Path> photos, FaceDetector detector, FaceRecognitionModel recognition,
                                       double maxDistance) throws IOException {
        if (photos.isEmpty()) {
            throw new IOException("no neutral photos to enrol");
        }
        Map<String, Person> people = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : photos.entrySet()) {
            String id = e.getKey();
            Path f = e.getValue();
            checkId(id, f);
            if (!Files.isRegularFile(f)) {
                throw new IOException(f + ": the neutral photo of '" + id + "' not found" + (Files.isDirectory(f) ? " (a folder)" : ""));
            }
            BufferedImage img;
            try {
                img = ImageRef.of(f).read();
            } catch (IOException | RuntimeException ex) {
                throw new IOException(f + ": cannot read the neutral photo of '" + id + "': " + ex.getMessage(), ex);
            }
            List<DetectedFace> faces = detector.detect(img);
            if (faces.size() != 1) {
                throw new IOException(f + ": a neutral photo must show exactly one face; the " + detector.name()
                        + " detector found " + faces.size() + " (the neutral photo of '" + id + "')");
            }
            people.put(id, person(id, f.toString(), img, faces.get(0), recognition));
        }
        return new NeutralGallery(people, recognition, maxDistance);
    }

    /**
     * The photos named by {@code --neutral-of} values, by person id: each value is a folder (every photo in it,
     * as {@link #photosIn}) or {@code ID=FILE}. A value that is neither, an empty id or file, or an id given
     * twice (across values too) is an {@link IllegalArgumentException} naming it; files are checked by
     * {@link #enrol(Map, FaceDetector, FaceRecognitionModel, double)}.
     */
    public static Map<String, Path> photosOf(List<String> values) throws IOException {
        Map<String, Path> photos = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        for (String v : values) {
            Map<String, Path> these;
            if (Files.isDirectory(Path.of(v))) {
                these = photosIn(Path.of(v));
            } else {
                int eq = v.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("--neutral-of '" + v + "': give ID=FILE (e.g. ann=ann-neutral.jpg) or a"
                            + " folder of neutral photos named after their people" + (Files.exists(Path.of(v)) ? "" : "; no such folder"));
                }
                String id = v.substring(0, eq).strip();
                String file = v.substring(eq + 1).strip();
                if (id.isEmpty() || file.isEmpty()) {
                    throw new IllegalArgumentException("--neutral-of '" + v + "': " + (id.isEmpty() ? "the person id" : "the file")
                            + " is empty; give ID=FILE");
                }
                these = Map.of(id, Path.of(file));
            }
            for (Map.Entry<String, Path> e : these.entrySet()) {
                String before = from.putIfAbsent(e.getKey(), v);
                if (before != null) {
                    throw new IllegalArgumentException("--neutral-of: person '" + e.getKey() + "' is enrolled twice ("
                            + photos.get(e.getKey()) + " from '" + before + "', " + e.getValue() + " from '" + v + "')");
                }
                photos.put(e.getKey(), e.getValue());
            }
        }
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("--neutral-of: no neutral photos given");
        }
        return photos;
    }

    /** An id as rows can carry it: non-blank, no comma, quote or control character. */
    static void checkId(String id, Path source) throws IOException {
        if (id == null || id.isBlank()) {
            throw new IOException(source + ": a neutral photo needs a person id (got a blank one)");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ',' || c == '"' || Character.isISOControl(c)) {
                throw new IOException(source + ": person id '" + id.replaceAll("\\p{Cntrl}", "?")
                        + "' has a comma, quote or control character; rename it (ids are written into CSV rows)");
            }
        }
    }

    /** Keeps the face and a face's width around it (enough for any crop margin), with the face moved into it. */
    private static Person person(String id, String source, BufferedImage img, DetectedFace face, FaceRecognitionModel recognition) {
        FaceBox b = face.box();
        int x0 = (int) Math.max(0, Math.floor(b.x() - b.width()));
        int y0 = (int) Math.max(0, Math.floor(b.y() - b.height()));
        int x1 = (int) Math.min(img.getWidth(), Math.ceil(b.x() + 2 * b.width()));
        int y1 = (int) Math.min(img.getHeight(), Math.ceil(b.y() + 2 * b.height()));
        BufferedImage region = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = region.createGraphics();
        g.drawImage(img.getSubimage(x0, y0, x1 - x0, y1 - y0), 0, 0, null);
        g.dispose();
        List<DetectedFace.Keypoint> kp = new ArrayList<>();
        face.keypoints().forEach(k -> kp.add(new DetectedFace.Keypoint(k.x() - x0, k.y() - y0)));
        DetectedFace moved = new DetectedFace(new FaceBox(b.x() - x0, b.y() - y0, b.width(), b.height()), face.score(), kp);
        return new Person(id, source, region, moved, recognition.describe(region, moved.box()));
    }

    /** The enrolled people by id, in file-name order. */
    public Map<String, Person> people() {
        return people;
    }

    /** The largest descriptor distance accepted as the same person. */
    public double maxDistance() {
        return maxDistance;
    }

    /** The nearest enrolled person to the face in {@code box} of {@code photo}, with the distance, if within the bound. */
    @Override
    public PhotoFaces.NeutralMatch match(BufferedImage photo, FaceBox box) {
        FaceDescriptor d = recognition.describe(photo, box);
        Optional<FaceDescriptors.Match> nearest = FaceDescriptors.nearest(d, descriptors);
        if (nearest.isEmpty()) {
            return PhotoFaces.NeutralMatch.none("no one is enrolled");
        }
        FaceDescriptors.Match m = nearest.get();
        if (m.distance() > maxDistance) {
            return PhotoFaces.NeutralMatch.none(String.format(Locale.ROOT,
                    "no enrolled neutral face within %.2f (nearest: %s at %.3f)", maxDistance, m.name(), m.distance()));
        }
        Person p = people.get(m.name());
        return new PhotoFaces.NeutralMatch(p.id(), m.distance(), p.region(), p.face(), null);
    }
}
