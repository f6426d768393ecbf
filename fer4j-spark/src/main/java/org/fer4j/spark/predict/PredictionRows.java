package org.fer4j.spark.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fer4j.data.FaceBox;
import org.fer4j.inference.Predictor;

/**
 * The rows {@code predict} writes: the input's columns (without the image bytes), then one row per face
 * with its index, its box in source pixels, the label, its confidence and every class's probability in
 * the model's class order (the order is in the {@code probabilities} field's metadata, key
 * {@value #CLASSES}), or, for an input that could not be predicted, the reason in {@code error} and
 * nulls elsewhere. A crop input is one face whose box is the whole image: its {@code box} is null.
 */
public final class PredictionRows {
    public static final String FACE = "face";
    public static final String BOX = "box";
    public static final String LABEL = "label";
    public static final String CONFIDENCE = "confidence";
    public static final String PROBABILITIES = "probabilities";
    public static final String ERROR = "error";
    /** The {@code error} of a raw photo in which the detector found no face (its one row). */
    public static final String NO_FACE = "no face found";
    /** Metadata key of {@code probabilities}: the class names, in the order of the array. */
    public static final String CLASSES = "classes";
    static final StructType BOX_TYPE = new StructType(new StructField[] {
            DataTypes.createStructField("x", DataTypes.DoubleType, false),
            DataTypes.createStructField("y", DataTypes.DoubleType, false),
            DataTypes.createStructField("width", DataTypes.DoubleType, false),
            DataTypes.createStructField("height", DataTypes.DoubleType, false)});
    private static final List<String> OWN = List.of(FACE, BOX, LABEL, CONFIDENCE, PROBABILITIES, ERROR);

    private PredictionRows() {
    }

    /** The output schema: {@code input}'s fields except {@code dropped}, then the prediction's. */
    static StructType schema(StructType input, String dropped, List<String> classes) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : input.fields()) {
            if (OWN.contains(f.name())) {
                throw new IllegalArgumentException("input column '" + f.name() + "' would be overwritten by the"
                        + " prediction's; rename it (predict writes " + OWN + ")");
            }
            if (!f.name().equals(dropped)) {
                fields.add(f);
            }
        }
        Metadata order = new MetadataBuilder().putStringArray(CLASSES, classes.toArray(String[]::new)).build();
        fields.add(DataTypes.createStructField(FACE, DataTypes.IntegerType, true));
        fields.add(DataTypes.createStructField(BOX, BOX_TYPE, true));
        fields.add(DataTypes.createStructField(LABEL, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(CONFIDENCE, DataTypes.DoubleType, true));
        fields.add(new StructField(PROBABILITIES, DataTypes.createArrayType(DataTypes.DoubleType, false), true, order));
        fields.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** The class names of a prediction table, from its {@code probabilities} field. */
    public static List<String> classes(StructType predictions) {
        return Arrays.asList(predictions.apply(PROBABILITIES).metadata().getStringArray(CLASSES));
    }

    /** The values of {@code r}'s columns at {@code indices}: the input's part of its output rows. */
    static Object[] keptValues(Row r, int[] indices) {
        Object[] values = new Object[indices.length];
        for (int i = 0; i < indices.length; i++) {
            values[i] = r.get(indices[i]);
        }
        return values;
    }

    /** One output row: {@code kept} (the input's values without the bytes) followed by the outcome. */
    static Row row(Object[] kept, int face, FaceBox box, Predictor.Result result) {
        Object[] values = Arrays.copyOf(kept, kept.length + OWN.size());
        int i = kept.length;
        values[i] = result.ok() ? face : null;
        values[i + 1] = box == null ? null : RowFactory.create(box.x(), box.y(), box.width(), box.height());
        if (result.ok()) {
            values[i + 2] = result.prediction().label();
            values[i + 3] = result.prediction().confidence();
            values[i + 4] = Arrays.stream(result.prediction().probabilities()).boxed().toArray(Double[]::new);
        } else {
            values[i + 5] = result.failure();
        }
        return RowFactory.create(values);
    }
}
