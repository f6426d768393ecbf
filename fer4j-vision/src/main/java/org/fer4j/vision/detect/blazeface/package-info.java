/**
 * MediaPipe's BlazeFace front-camera face detector on ONNX Runtime ({@link
 * org.fer4j.vision.detect.blazeface.BlazeFaceDetector}): the network's input from a photo, its SSD
 * anchors, box and keypoint decoding and weighted non-maximum suppression.
 */
package org.fer4j.vision.detect.blazeface;
