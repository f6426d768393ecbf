package org.fer4j.spark.predict;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.fer4j.data.ImageFiles;
import org.fer4j.data.ImageRef;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.wild.PhotoFaces;

/**
 * One table row as a face to predict. An image comes from the row's bytes (Spark's {@code binaryFile}
 * source) or from its path: a local or shared-file-system path is read as {@code fer4j predict} reads it,
 * any other Hadoop URI ({@code hdfs://}, {@code s3a://}) through Hadoop's file system; with a detector it is a
 * raw photo instead of a crop. A row that cannot
 * become a face (no path, undecodable bytes) is a failure with the reason, never an exception.
 */
final class Inputs {
    /** A face, or why the row is not one. */
    record Face(FaceInput input, Predictor.Result failure) {
        static Face failed(String name, String why) {
            return new Face(null, new Predictor.Result(name, null, why));
        }
    }

    private Inputs() {
    }

    static Face face(Row r, int path, int content, int neutral) {
        String name = r.isNullAt(path) ? null : r.getString(path);
        if (name == null || name.isBlank()) {
            return Face.failed(String.valueOf(name), "row without a path");
        }
        try {
            ImageRef image = content >= 0 && !r.isNullAt(content) ? decoded(name, (byte[]) r.get(content)) : ref(name);
            ImageRef reference = null;
            if (neutral >= 0 && !r.isNullAt(neutral)) {
                reference = ref(r.getString(neutral));
            }
            return new Face(new FaceInput(name, image, reference, null), null);
        } catch (IOException | RuntimeException e) {
            return Face.failed(name, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** A raw photo for the detector, or why the row is not one. */
    record Photo(PhotoFaces.Photo photo, Predictor.Result failure) {
    }

    static Photo photo(Row r, int path, int content, int neutral) {
        String name = r.isNullAt(path) ? null : r.getString(path);
        if (name == null || name.isBlank()) {
            return new Photo(null, new Predictor.Result(String.valueOf(name), null, "row without a path"));
        }
        try {
            ImageRef image = content >= 0 && !r.isNullAt(content) ? decoded(name, (byte[]) r.get(content)) : ref(name);
            ImageRef reference = neutral >= 0 && !r.isNullAt(neutral) ? ref(r.getString(neutral)) : null;
            return new Photo(new PhotoFaces.Photo(name, image, null, reference, null), null);
        } catch (IOException | RuntimeException e) {
            return new Photo(null, new Predictor.Result(name, null, e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** The image at {@code location}: a file path or {@code file:} URI as a file, another scheme through Hadoop. */
    static ImageRef ref(String location) throws IOException {
        URI uri = toUri(location);
        if (uri == null || uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return ImageRef.of(uri != null && uri.getScheme() != null ? Path.of(uri) : Path.of(location));
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        try (InputStream in = FileSystem.get(uri, new Configuration()).open(p)) {
            return decoded(location, in.readAllBytes());
        } catch (IOException e) {
            throw new IOException(location + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Decodes an image held in memory as {@code fer4j predict} decodes a file, and names it the same way on failure. */
    static ImageRef decoded(String name, byte[] bytes) throws IOException {
        return new ImageRef.MemoryImage(name, ImageFiles.decode(bytes, name));
    }

    private static URI toUri(String location) {
        try {
            URI u = new URI(location);
            return u.getScheme() == null ? null : u;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
