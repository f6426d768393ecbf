/**
 * Faces in the wild for fer4j: pretrained face networks kept in a pinned local store
 * ({@code vision.store}), their TF.js weights ({@code vision.tfjs}) and face-api's expression and
 * 68-point landmark networks rebuilt from DJL blocks ({@code vision.faceapi}), face detection
 * ({@code vision.detect}: BlazeFace on ONNX Runtime) and the landmark crop ({@code vision.align}).
 * Depends on {@code fer4j-core} and ONNX Runtime only; nothing in core depends on it.
 */
package org.fer4j.vision;
