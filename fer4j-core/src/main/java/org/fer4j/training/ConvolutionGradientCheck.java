package org.fer4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;

/**
 * Checks, once per process, that this processor's convolution gradients are right before anything trains.
 *
 * <p>Why: on some processors (measured on an AMD EPYC with AVX-512 and VP2INTERSECT) the oneDNN 3.5.3 inside
 * libtorch 2.5.1 computes the input gradient of a convolution wrongly in its AVX2 and AVX-512 kernels, at random
 * and sometimes as NaN, while the forward pass and the weight gradient stay right. Training then diverges or
 * learns nonsense with no error. Capping oneDNN's instruction set ({@value #ISA_VARIABLE}={@value #SAFE_ISA}, read
 * once when the native library starts) gives right gradients there; the check compares float32 gradients against
 * float64 ones (which do not go through oneDNN) on the shapes that went wrong, so a user learns it at the first
 * step instead of from a NaN at the fortieth.
 */
public final class ConvolutionGradientCheck {
    /** oneDNN's cap on the instruction set it may use; read once, when libtorch starts. */
    public static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The cap that gave right gradients on every shape measured on the faulty processor. */
    public static final String SAFE_ISA = "AVX";
    /** Largest relative error |g32 - g64| / (1 + |g64|) accepted: float32 rounding is ~1e-5 here. */
    static final double TOLERANCE = 1e-3;

    /**
     * One convolution: batch × channels × size², kernel k, stride s, padding p, out channels.
     * The shapes are those that went wrong: the ResNet stem and stride-1 3×3 convolutions with few channels.
     */
    record Case(int batch, int channels, int size, int outChannels, int kernel, int stride, int padding) {
        @Override
        public String toString() {
            return batch + "×" + channels + "×" + size + "×" + size + " → " + outChannels + " (" + kernel + "×" + kernel
                    + ", stride " + stride + ")";
        }
    }

    static final List<Case> CASES = List.of(
            new Case(8, 3, 32, 4, 7, 2, 3), new Case(16, 4, 12, 4, 3, 1, 1), new Case(32, 8, 12, 8, 3, 1, 1),
            new Case(16, 4, 24, 4, 3, 1, 1));
    private static final int REPEATS = 3;

    /** The outcome: {@code worstError} over all cases and repeats, and the first case that exceeded the tolerance. */
    public record Result(boolean reliable, double worstError, String failingCase, String isaCap) {
        /** What is wrong, in one clause: the worst error, on which shape, under which cap. */
        public String problem() {
            return "this processor's convolution gradients are wrong (relative error " + String.format("%.3g", worstError)
                    + " on " + failingCase + ", oneDNN's instruction set " + (isaCap == null ? "not capped" : "capped at " + isaCap)
                    + ")";
        }
    }

    private static volatile Result cached;

    private ConvolutionGradientCheck() {
    }

    /**
     * The cap in force, from the environment ({@code ONEDNN_MAX_CPU_ISA}, or oneDNN's older {@code DNNL_MAX_CPU_ISA});
     * null when none is (or it is {@code ALL}).
     */
    public static String isaCap() {
        String cap = System.getenv(ISA_VARIABLE);
        if (cap == null || cap.isBlank()) {
            cap = System.getenv("DNNL_MAX_CPU_ISA");
        }
        return cap == null || cap.isBlank() || cap.equalsIgnoreCase("ALL") ? null : cap;
    }

    /** Runs the check on first call (tens of milliseconds) and returns the same result afterwards. */
    public static Result result() {
        Result r = cached;
        if (r == null) {
            synchronized (ConvolutionGradientCheck.class) {
                if (cached == null) {
                    cached = measure();
                }
                r = cached;
            }
        }
        return r;
    }

    /** Throws {@link UnreliableKernelsException} when the check fails; called before training starts. */
    public static void requireReliable() {
        Result r = result();
        if (!r.reliable()) {
            throw new UnreliableKernelsException(r.problem() + "; training would diverge or learn nonsense. Set "
                    + ISA_VARIABLE + "=" + SAFE_ISA + " in the environment before the JVM starts (the fer4j command"
                    + " does it by itself)" + (r.isaCap() == null ? "" : ", or report this processor: the cap did not help"));
        }
    }

    private static Result measure() {
        double worst = 0;
        String failing = null;
        try (NDManager manager = NDManager.newBaseManager()) {
            Random random = new Random(7);
            for (Case c : CASES) {
                for (int rep = 0; rep < REPEATS; rep++) {
                    double e = worstError(manager, c, random);
                    if (e > worst) {
                        worst = e;
                    }
                    if (e > TOLERANCE && failing == null) {
                        failing = c.toString();
                    }
                }
            }
        }
        return new Result(failing == null, worst, failing, isaCap());
    }

    /** float32 against float64 input gradients of one convolution; infinite when float32 gave NaN or ±∞. */
    private static double worstError(NDManager parent, Case c, Random random) {
        try (NDManager manager = parent.newSubManager()) {
            float[] x = new float[c.batch() * c.channels() * c.size() * c.size()];
            float[] w = new float[c.outChannels() * c.channels() * c.kernel() * c.kernel()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (0.3 * random.nextGaussian());
            }
            NDArray input = manager.create(x, new Shape(c.batch(), c.channels(), c.size(), c.size()));
            NDArray weight = manager.create(w, new Shape(c.outChannels(), c.channels(), c.kernel(), c.kernel()));
            return relativeError(inputGradient(input, weight, c), inputGradient(input.toType(DataType.FLOAT64, true),
                    weight.toType(DataType.FLOAT64, true), c));
        }
    }

    private static double[] inputGradient(NDArray input, NDArray weight, Case c) {
        NDArray x = input.duplicate();
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = Conv2d.conv2d(x, weight, null, new Shape(c.stride(), c.stride()), new Shape(c.padding(), c.padding()))
                    .singletonOrThrow();
            // a loss whose gradient differs per output element, so that a misplaced element shows
            NDArray coefficients = y.getManager().arange((float) y.size()).reshape(y.getShape()).mul(0.01).sin()
                    .toType(y.getDataType(), false);
            collector.backward(y.mul(coefficients).sum());
        }
        return x.getGradient().toType(DataType.FLOAT64, true).toDoubleArray();
    }

    /** max |a - b| / (1 + |b|), infinite where {@code a} is not finite. */
    static double relativeError(double[] actual, double[] reference) {
        if (actual.length != reference.length) {
            throw new IllegalArgumentException(actual.length + " values against " + reference.length);
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i])) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, Math.abs(actual[i] - reference[i]) / (1 + Math.abs(reference[i])));
        }
        return worst;
    }
}
