package org.fer4j.spark.predict;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Predictor;

/**
 * Predicts one partition on an executor: rows are read in order, {@code batchSize} faces at a time go
 * through the executor's shared model in one forward pass, and their rows come out in the order the
 * inputs came in, so a partition's output order is its input's. A row that cannot be read or predicted
 * becomes an error row; only a model that cannot be loaded fails the task.
 */
final class PredictPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final ModelEngine engine;
    private final int batchSize;
    private final int path;
    private final int content;
    private final int neutral;
    private final int[] kept;

    /**
     * @param content column index of the bytes, or -1 to read each path
     * @param neutral column index of the neutral reference's path, or -1
     * @param kept    indices of the input columns copied to the output
     */
    PredictPartition(String model, ModelEngine engine, int batchSize, int path, int content, int neutral, int[] kept) {
        this.model = model;
        this.engine = engine;
        this.batchSize = batchSize;
        this.path = path;
        this.content = content;
        this.neutral = neutral;
        this.kept = kept.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Iterator<Row> ready = List.<Row>of().iterator();
            private Predictor predictor;

            @Override
            public boolean hasNext() {
                while (!ready.hasNext() && rows.hasNext()) {
                    ready = nextBatch().iterator();
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

            private List<Row> nextBatch() {
                if (predictor == null) {
                    predictor = ExecutorModels.get(model, engine);
                }
                List<Object[]> keptValues = new ArrayList<>(batchSize);
                List<Inputs.Face> read = new ArrayList<>(batchSize);
                List<FaceInput> faces = new ArrayList<>(batchSize);
                while (read.size() < batchSize && rows.hasNext()) {
                    Row r = rows.next();
                    keptValues.add(PredictionRows.keptValues(r, kept));
                    Inputs.Face face = Inputs.face(r, path, content, neutral);
                    read.add(face);
                    if (face.input() != null) {
                        faces.add(face.input());
                    }
                }
                Iterator<Predictor.Result> results = predictor.predictEach(faces).iterator();
                List<Row> out = new ArrayList<>(read.size());
                for (int i = 0; i < read.size(); i++) {
                    Inputs.Face face = read.get(i);
                    Predictor.Result result = face.input() != null ? results.next() : face.failure();
                    out.add(PredictionRows.row(keptValues.get(i), 0, null, result));
                }
                return out;
            }
        };
    }
}
