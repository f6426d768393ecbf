package org.fer4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam as PyTorch computes it, with its moments kept by parameter <em>name</em> so they can be saved
 * in a checkpoint and a resumed run continues exactly (DJL's own optimizer keys its state by random
 * parameter ids and cannot be saved). The update itself is the engine's fused kernel.
 */
public final class AdamOptimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, NDArray> firstMoment = new HashMap<>();
    private final Map<String, NDArray> secondMoment = new HashMap<>();
    private long steps;

    public AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public static AdamOptimizer of(TrainConfig c) {
        return new AdamOptimizer(c.learningRate(), c.beta1(), c.beta2(), 1e-8);
    }

    /**
     * One update of every named parameter that received a gradient; the gradients are then zeroed.
     * PyTorch's rule w −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε) is rewritten as
     * w −= lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε·√(1−β2ᵗ)), the form of the engine's fused Adam kernel, so each
     * parameter costs one native call (moments, update and zeroing in place) instead of a dozen NDArray
     * operations and their temporaries.
     */
    public void step(Map<String, Parameter> params) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (learningRate * Math.sqrt(bc2) / bc1);
        float eps = (float) (epsilon * Math.sqrt(bc2));
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            NDArray w = p.getArray();
            NDArray g;
            try {
                g = w.getGradient();
            } catch (IllegalStateException noGradient) {
                continue; // not part of this step's graph (e.g. a disabled head)
            }
            try {
                NDArray m = firstMoment.computeIfAbsent(e.getKey(), k -> w.zerosLike());
                NDArray v = secondMoment.computeIfAbsent(e.getKey(), k -> w.zerosLike());
                // weight decay 0, gradient rescale 1, no clipping (negative), Adam not AdamW
                w.getNDArrayInternal().adamUpdate(new NDList(w, g, m, v), new NDList(w), (float) learningRate,
                        stepSize, 0f, 1f, -1f, (float) beta1, (float) beta2, eps, false, false);
            } finally {
                g.close();
            }
        }
    }

    /** Zeroes the gradients without updating (e.g. after a skipped, non-finite step). */
    public static void zeroGradients(Map<String, Parameter> params) {
        for (Parameter p : params.values()) {
            if (!p.requiresGradient()) {
                continue;
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray g = p.getArray().getGradient();
                g.subi(g);
            } catch (IllegalStateException ignored) {
                // no gradient yet
            }
        }
    }

    public long steps() {
        return steps;
    }

    /** Writes step count and moments (named {@code m:<param>}, {@code v:<param>}). */
    public void save(OutputStream out, NDManager manager) throws IOException {
        NDList list = new NDList();
        NDArray count = manager.create(new long[] {steps});
        count.setName("steps");
        list.add(count);
        for (var e : firstMoment.entrySet()) {
            NDArray m = e.getValue().duplicate();
            m.setName("m:" + e.getKey());
            NDArray v = secondMoment.get(e.getKey()).duplicate();
            v.setName("v:" + e.getKey());
            list.add(m);
            list.add(v);
        }
        out.write(list.encode());
        list.close();
    }

    /** Restores what {@link #save} wrote; moments are attached to {@code manager}. */
    public void load(InputStream in, NDManager manager) throws IOException {
        NDList list = NDList.decode(manager, in.readAllBytes());
        for (NDArray a : list) {
            String name = a.getName();
            if ("steps".equals(name)) {
                steps = a.toLongArray()[0];
            } else if (name != null && name.startsWith("m:")) {
                firstMoment.put(name.substring(2), a);
            } else if (name != null && name.startsWith("v:")) {
                secondMoment.put(name.substring(2), a);
            }
        }
    }
}
