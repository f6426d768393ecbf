/**
 * Face detection in raw photos and video frames: the {@link org.fer4j.vision.detect.FaceDetector}
 * interface and what it returns. Implementations (BlazeFace on ONNX Runtime, OpenCV's Haar cascade)
 * sit beside it.
 */
package org.fer4j.vision.detect;
