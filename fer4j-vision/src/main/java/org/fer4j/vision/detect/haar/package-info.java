/**
 * OpenCV's Haar cascade face detector (through bytedeco's OpenCV natives): the detector that needs no
 * model download.
 */
package org.fer4j.vision.detect.haar;
