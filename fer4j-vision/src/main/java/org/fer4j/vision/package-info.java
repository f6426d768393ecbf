/**
 * Raw photos and video for fer4j: detecting and aligning faces and choosing a person's own neutral face as the reference SPNDL subtracts.
 *
 * <p>Empty in this release: the module exists so that its place in the build (it depends on
 * {@code fer4j-core} only, and nothing in core depends on it) is fixed before the code arrives.
 */
package org.fer4j.vision;
