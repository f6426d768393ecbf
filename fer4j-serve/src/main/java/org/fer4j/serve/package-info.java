/**
 * {@code fer4j serve}: an HTTP API (Javalin) over shared, thread-safe {@code org.fer4j.inference.Predictor}s
 * with micro-batching across requests, per-person neutral calibration, limits against hostile input,
 * Prometheus metrics and a self-contained web page for trying it in a browser.
 *
 * <p>{@link org.fer4j.serve.FerServer} is the entry point; {@link org.fer4j.serve.ServeOptions} holds every
 * limit. The package depends on {@code fer4j-core} and {@code fer4j-vision} only; the command line wires it up.
 */
package org.fer4j.serve;
