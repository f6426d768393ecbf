/**
 * Video files and cameras through JavaCV/FFmpeg: frames stream from a decoder thread through bounded
 * queues into detection, tracking, batched prediction (with a per-person neutral reference for paired
 * models) and an encoder thread, so memory does not grow with the video's length.
 */
package org.fer4j.vision.video;
