/**
 * fer4j models outside libtorch. {@link org.fer4j.onnx.OnnxModelInfo} is the metadata contract between
 * {@code export} (a trained model written as ONNX by fer4j itself, BatchNorm folded) and {@code runtime}
 * (ONNX Runtime behind core's {@code BatchClassifier}); {@code proto} encodes ONNX's protobuf schema.
 */
package org.fer4j.onnx;
