/** Writing a trained {@code FerModel} as an ONNX graph: the inference path of each model kind, BatchNorm folded. */
package org.fer4j.onnx.export;
