package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How a fresh network's weights are drawn, recorded in the model spec (option {@value #OPTION}) and so
 * in {@code model.json}. METHODS.md §1 asks for ResNet-18 "exactly as torchvision builds it", and the
 * PyTorch runs fer4j is compared with start from torchvision's initialisation, so that is the default:
 * convolutions kaiming-normal with fan_out (std √(2 / (out·k·k))), BatchNorm γ 1 and β 0, and
 * {@code nn.Linear}'s default, weight and bias uniform in ±1/√fan_in. {@link #HE_NORMAL} is what fer4j
 * drew before (DJL's default: every weight N(0, 2 / fan_in), biases 0), kept to reproduce old runs.
 * Both draw from the model's own seeded generator, never the engine's.
 */
public enum Initialisation {
    TORCHVISION,
    HE_NORMAL;

    /** The model option naming the scheme. */
    public static final String OPTION = "init";

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The scheme a spec names; torchvision's when it names none. */
    public static Initialisation of(ModelSpec spec) {
        return parse(spec.option(OPTION, TORCHVISION.id()));
    }

    public static Initialisation parse(String s) {
        for (Initialisation i : values()) {
            if (i.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initialisation '" + s + "'; expected torchvision or he-normal");
    }

    /**
     * Redraws {@code network}'s weights after DJL's initialisation (which {@link SeededInitializer} seeded):
     * nothing for {@link #HE_NORMAL}; for {@link #TORCHVISION} every backbone convolution and every
     * linear layer, in name order, from one generator seeded by {@code seed}.
     */
    void apply(ExpressionNetwork network, long seed) {
        if (this == HE_NORMAL) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x70C4_71510BL);
        for (Map.Entry<String, ResNet18> b : new TreeMap<>(network.backbones()).entrySet()) {
            for (Map.Entry<String, Parameter> e : new TreeMap<>(b.getValue().torchvisionParameters()).entrySet()) {
                NDArray w = e.getValue().getArray();
                Shape s = w.getShape();
                if (e.getKey().endsWith(".weight") && s.dimension() == 4) {
                    double std = Math.sqrt(2.0 / (s.get(0) * s.get(2) * s.get(3)));
                    w.set(draw(rng, s.size(), () -> gaussian(rng) * std));
                }
            }
        }
        Map<String, Parameter> all = new TreeMap<>(network.namedParameters());
        for (Map.Entry<String, Parameter> e : all.entrySet()) {
            NDArray w = e.getValue().getArray();
            Shape s = w.getShape();
            if (!e.getKey().endsWith(".weight") || s.dimension() != 2) {
                continue;
            }
            double bound = 1 / Math.sqrt(s.get(1));
            w.set(draw(rng, s.size(), () -> (2 * rng.nextDouble() - 1) * bound));
            Parameter bias = all.get(e.getKey().substring(0, e.getKey().length() - "weight".length()) + "bias");
            if (bias != null) {
                bias.getArray().set(draw(rng, bias.getArray().size(), () -> (2 * rng.nextDouble() - 1) * bound));
            }
        }
    }

    private static float[] draw(SplittableRandom rng, long n, java.util.function.DoubleSupplier value) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) value.getAsDouble();
        }
        return v;
    }

    /** Box–Muller: one normal from two uniforms. */
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
