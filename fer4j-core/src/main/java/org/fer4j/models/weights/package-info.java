/**
 * A reader of the safetensors format (how PyTorch users export weights). It knows nothing of fer4j's
 * networks: {@link org.fer4j.models.PretrainedWeights} maps its tensors onto them, so the dependency
 * points one way, from {@code models} to here.
 */
package org.fer4j.models.weights;
