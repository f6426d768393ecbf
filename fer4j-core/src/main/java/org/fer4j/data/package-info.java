/**
 * What a dataset is, independent of its on-disk layout: {@link org.fer4j.data.Sample}s with labels,
 * subjects, splits and the subject's neutral reference ({@link org.fer4j.data.Dataset}), the label sets
 * the papers use ({@link org.fer4j.data.LabelSet}), the model's geometry ({@link org.fer4j.data.Preprocessing})
 * and the face stores training reads from ({@link org.fer4j.data.FaceStore}). Datasets come from
 * a layout's adapter ({@code data.adapters.Adapters.get(name)}) or {@code data.synth.SyntheticFaces}.
 */
package org.fer4j.data;
