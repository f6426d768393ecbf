/**
 * The on-disk face cache: preprocessed 8-bit face crops written once per source image and geometry,
 * reused across runs, rebuilt per entry when its source changes, and streamed back by positional
 * reads so memory stays bounded whatever the dataset size (AffectNet's ~290k images). Also the choice
 * between it and the in-memory store.
 */
package org.fer4j.data.cache;
