/**
 * An HTTP service over one shared, thread-safe {@code org.fer4j.inference.Predictor}, with a web page for trying it.
 *
 * <p>Empty in this release: the module exists so that its place in the build (it depends on
 * {@code fer4j-core} only, and nothing in core depends on it) is fixed before the code arrives.
 */
package org.fer4j.serve;
