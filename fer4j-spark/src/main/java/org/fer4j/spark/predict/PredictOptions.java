package org.fer4j.spark.predict;

import java.io.Serializable;
import org.fer4j.vision.detect.FaceDetectors;

/**
 * How {@code Fer4jSpark.predict} reads a table of images: which model every executor loads, on which engine, which
 * column holds each image's path (and, from Spark's {@code binaryFile} source, its bytes), which column holds
 * the neutral reference of a paired model, whether the images are face crops or raw photos whose faces a
 * detector finds, and how many faces one forward pass takes. Immutable and serialisable: it travels to the
 * executors inside the partition function.
 */
public final class PredictOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The column names of Spark's {@code binaryFile} source. */
    public static final String PATH = "path";
    public static final String CONTENT = "content";

    private final String model;
    private final ModelEngine engine;
    private final String pathColumn;
    private final String contentColumn;
    private final String neutralColumn;
    private final int batchSize;
    private final String detector;
    private final int minFaceSide;
    private final double minScore;

    private PredictOptions(Builder b) {
        this.model = b.model;
        this.engine = b.engine;
        this.pathColumn = b.pathColumn;
        this.contentColumn = b.contentColumn;
        this.neutralColumn = b.neutralColumn;
        this.batchSize = b.batchSize;
        this.detector = b.detector;
        this.minFaceSide = b.minFaceSide;
        this.minScore = b.minScore;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The model folder ({@code model.json} + {@code weights.params}), or with {@link ModelEngine#ONNX} the
     * exported {@code .onnx} file, as every executor sees it.
     */
    public String model() {
        return model;
    }

    /** The runtime executors run the model on (default {@link ModelEngine#TORCH}). */
    public ModelEngine engine() {
        return engine;
    }

    public String pathColumn() {
        return pathColumn;
    }

    /** The column with the image's bytes; when the table has none, executors read the path. */
    public String contentColumn() {
        return contentColumn;
    }

    /** The column with each face's neutral reference (a path), or null for models without one. */
    public String neutralColumn() {
        return neutralColumn;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The face detector's name ({@code haar}, {@code blazeface}) for raw photos; null when images are face crops. */
    public String detector() {
        return detector;
    }

    /** What the detector is told: the smallest face side in pixels and the lowest score kept. */
    public FaceDetectors.Options detectorOptions() {
        return new FaceDetectors.Options(minFaceSide, minScore);
    }

    public static final class Builder {
        private String model;
        private ModelEngine engine = ModelEngine.TORCH;
        private String pathColumn = PATH;
        private String contentColumn = CONTENT;
        private String neutralColumn;
        private int batchSize = 32;
        private String detector;
        private int minFaceSide = 24;
        private double minScore;

        private Builder() {
        }

        public Builder setModel(String modelDir) {
            this.model = modelDir;
            return this;
        }

        /** The runtime executors run the model on: PyTorch (a model folder, the default) or ONNX Runtime (an .onnx file). */
        public Builder optEngine(ModelEngine engine) {
            this.engine = engine;
            return this;
        }

        public Builder optPathColumn(String column) {
            this.pathColumn = column;
            return this;
        }

        public Builder optContentColumn(String column) {
            this.contentColumn = column;
            return this;
        }

        public Builder optNeutralColumn(String column) {
            this.neutralColumn = column;
            return this;
        }

        /** Faces per forward pass inside a partition (default 32). */
        public Builder optBatchSize(int faces) {
            this.batchSize = faces;
            return this;
        }

        /**
         * Raw photos: every face {@code name} finds is cropped as the model was trained and predicted, one
         * output row per face (see {@code fer4j predict --detector}); null (the default) takes images as crops.
         */
        public Builder optDetector(String name) {
            this.detector = name;
            return this;
        }

        /** Smallest face side in pixels worth finding (default 24, the Haar window). */
        public Builder optMinFaceSide(int pixels) {
            this.minFaceSide = pixels;
            return this;
        }

        /** Detections scoring below it (in [0, 1]) are dropped (default 0). */
        public Builder optMinScore(double score) {
            this.minScore = score;
            return this;
        }

        public PredictOptions build() {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("--model: give the model folder written by 'fer4j train' (RUN/fold-0/model)");
            }
            if (engine == null) {
                throw new IllegalArgumentException("--engine: give torch or onnx");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
            }
            if (pathColumn == null || pathColumn.isBlank() || contentColumn == null || contentColumn.isBlank()) {
                throw new IllegalArgumentException("the path and content columns need names");
            }
            if (detector != null && detector.isBlank()) {
                throw new IllegalArgumentException("--detector needs a detector's name");
            }
            new FaceDetectors.Options(minFaceSide, minScore); // checks both
            if (neutralColumn != null && neutralColumn.isBlank()) {
                throw new IllegalArgumentException("--neutral-column needs a column name");
            }
            return new PredictOptions(this);
        }
    }
}
