/**
 * Faces in the wild for fer4j: pretrained face networks kept in a pinned local store
 * ({@code vision.store}), their TF.js weights ({@code vision.tfjs}) and face-api's expression and
 * 68-point landmark networks rebuilt from DJL blocks ({@code vision.faceapi}). Depends on
 * {@code fer4j-core} only; nothing in core depends on it. Detection, alignment and a person's own
 * neutral face as SPNDL's reference come next (issues 14 and 19).
 */
package org.fer4j.vision;
