/**
 * {@code fer4j bench}: timings of training steps, inference latency, the data pipeline, an epoch and a
 * memory soak, printed with the processor flags they ran on, for side-by-side comparison with PyTorch.
 */
package org.fer4j.bench;
