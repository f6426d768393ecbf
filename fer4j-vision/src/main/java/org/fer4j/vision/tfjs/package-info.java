/** TensorFlow.js weight manifests and shards, decoded into float tensors for DJL networks. */
package org.fer4j.vision.tfjs;
