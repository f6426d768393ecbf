package org.fer4j.training;

/**
 * This processor computes convolution gradients wrongly ({@link ConvolutionGradientCheck}): nothing was trained,
 * and the message says which environment variable fixes it.
 */
public final class UnreliableKernelsException extends RuntimeException {
    public UnreliableKernelsException(String message) {
        super(message);
    }
}
