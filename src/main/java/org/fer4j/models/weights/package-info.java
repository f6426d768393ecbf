/**
 * Pretrained weights: a reader of the safetensors format (how PyTorch users export weights) and the
 * loading of torchvision-named ResNet-18 tensors into every backbone of a network, with a report of
 * what was missing, unexpected or mis-shaped.
 */
package org.fer4j.models.weights;
