/**
 * Faces in the wild: raw photos in, one prediction per detected face out, batched across photos, and
 * annotated copies of the photos. Video builds on the same steps in {@code vision.video}.
 */
package org.fer4j.vision.wild;
