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
 * parameter ids and cannot be saved). Temporaries live in an {@link NDScope} per update.
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

    /** One update of every named parameter that received a gradient; the gradients are then zeroed. */
    public void step(Map<String, Parameter> params) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            NDArray w = p.getArray();
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray g;
                try {
                    g = w.getGradient();
                } catch (IllegalStateException noGradient) {
                    continue; // not part of this step's graph (e.g. a disabled head)
                }
                NDArray m = firstMoment.computeIfAbsent(e.getKey(), k -> keep(w.zerosLike()));
                NDArray v = secondMoment.computeIfAbsent(e.getKey(), k -> keep(w.zerosLike()));
                m.muli(beta1).addi(g.mul(1 - beta1));
                v.muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray denom = v.div(bc2).sqrt().addi(epsilon);
                w.subi(m.div(denom).muli(learningRate / bc1));
                g.subi(g);
            }
        }
    }

    private static NDArray keep(NDArray a) {
        NDScope.unregister(a);
        return a;
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
