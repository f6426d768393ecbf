/**
 * From a detected face to the crop fer4j's models were trained on: 68 landmarks on the detector's
 * region ({@link org.fer4j.vision.align.LandmarkLocator}), the box of their extreme points as the CK+
 * adapter crops ({@link org.fer4j.vision.align.FaceLandmarks#box}), and an optional eye-line levelling
 * ({@link org.fer4j.vision.align.AlignedCrop#levelEyes}).
 */
package org.fer4j.vision.align;
