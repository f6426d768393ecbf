/**
 * Synthetic paired faces: subjects with their own identity traits, seven expressions and a neutral face
 * each, so every method, protocol and test runs here without a licensed dataset.
 */
package org.fer4j.data.synth;
