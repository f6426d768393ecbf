/**
 * Running exported models with ONNX Runtime: one session per model shared by threads, inputs through
 * direct buffers, preprocessing from the file's metadata. Nothing here touches DJL's engine, so a process
 * that predicts only through this package never loads libtorch.
 */
package org.fer4j.onnx.runtime;
