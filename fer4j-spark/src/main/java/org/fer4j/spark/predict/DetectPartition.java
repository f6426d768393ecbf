package org.fer4j.spark.predict;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.fer4j.inference.Predictor;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.detect.FaceDetector;
import org.fer4j.vision.detect.FaceDetectors;
import org.fer4j.vision.wild.FaceClassifier;
import org.fer4j.vision.wild.PhotoFaces;

/**
 * Predicts one partition of raw photos on an executor, as {@code fer4j predict --detector} does on one machine
 * ({@link PhotoFaces}): each photo's faces are found, cropped as the model was trained, and faces of consecutive
 * photos share one forward pass through the executor's shared model. A photo gives one row per face in the
 * detector's order; a photo with no face, or that cannot be read, gives one row whose {@code error} says so, so
 * no input disappears from the output. Detectors are not thread-safe: each task opens its own and closes it when
 * the task ends.
 */
final class DetectPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final PredictOptions options;
    private final boolean needsNeutral;
    private final int path;
    private final int content;
    private final int neutral;
    private final int[] kept;

    DetectPartition(PredictOptions options, boolean needsNeutral, int path, int content, int neutral, int[] kept) {
        this.options = options;
        this.needsNeutral = needsNeutral;
        this.path = path;
        this.content = content;
        this.neutral = neutral;
        this.kept = kept.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Iterator<Row> ready = List.<Row>of().iterator();
            private PhotoFaces photoFaces;
            private FaceDetector detector;

            @Override
            public boolean hasNext() {
                while (!ready.hasNext() && rows.hasNext()) {
                    ready = nextPhotos().iterator();
                }
                if (!ready.hasNext()) {
                    close();
                }
                return ready.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.next();
            }

            private void close() {
                if (detector != null) {
                    detector.close();
                    detector = null;
                    photoFaces = null;
                }
            }

            /** The rows of the next {@code batchSize} photos, in input order. */
            private List<Row> nextPhotos() {
                if (photoFaces == null) {
                    Predictor predictor = ExecutorModels.get(options.model(), options.engine());
                    detector = FaceDetectors.open(options.detector(), options.detectorOptions());
                    TaskContext task = TaskContext.get();
                    if (task != null) { // a task that fails or is killed still closes its detector
                        task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> close());
                    }
                    photoFaces = new PhotoFaces(detector, FaceCropper.BOX, FaceClassifier.of(predictor, needsNeutral),
                            options.batchSize());
                }
                List<Row> out = new ArrayList<>();
                Map<PhotoFaces.Photo, Object[]> values = new IdentityHashMap<>();
                List<PhotoFaces.Photo> photos = new ArrayList<>(options.batchSize());
                while (photos.size() < options.batchSize() && rows.hasNext()) {
                    Row r = rows.next();
                    Object[] v = PredictionRows.keptValues(r, kept);
                    Inputs.Photo photo = Inputs.photo(r, path, content, neutral);
                    if (photo.photo() == null) {
                        // unreadable: its row goes out after the readable photos read before it
                        flush(photos, values, out);
                        out.add(PredictionRows.row(v, 0, null, photo.failure()));
                    } else {
                        photos.add(photo.photo());
                        values.put(photo.photo(), v);
                    }
                }
                flush(photos, values, out);
                return out;
            }

            private void flush(List<PhotoFaces.Photo> photos, Map<PhotoFaces.Photo, Object[]> values, List<Row> out) {
                if (photos.isEmpty()) {
                    return;
                }
                try {
                    photoFaces.run(photos, new PhotoFaces.Sink() {
                        @Override
                        public void photo(PhotoFaces.Photo photo, BufferedImage image, List<PhotoFaces.Face> faces) {
                            Object[] v = values.get(photo);
                            if (faces.isEmpty()) {
                                out.add(PredictionRows.row(v, 0, null, new Predictor.Result(photo.name(), null, PredictionRows.NO_FACE)));
                            }
                            for (PhotoFaces.Face face : faces) {
                                out.add(PredictionRows.row(v, face.index(), face.detection().box(), face.result()));
                            }
                        }

                        @Override
                        public void failed(PhotoFaces.Photo photo, String why) {
                            out.add(PredictionRows.row(values.get(photo), 0, null, new Predictor.Result(photo.name(), null, why)));
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // the sink above writes nothing: not reached
                }
                photos.clear();
                values.clear();
            }
        };
    }
}
