package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * He-normal weights, N(0, 2 / fan_in) as DJL's default weight initializer draws them, but from a
 * generator owned by one model rather than the engine's global one. A library must not reseed the
 * engine: inside a server or a Spark executor that would change every other model's random draws.
 * Drawing in Java also gives the same initial weights for the same seed on every processor.
 */
final class SeededInitializer implements Initializer {
    private final SplittableRandom rng;
    private double spare = Double.NaN;

    SeededInitializer(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() < 2 ? shape.size() : shape.size() / shape.get(0);
        double std = Math.sqrt(2.0 / Math.max(1, fanIn));
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (gaussian() * std);
        }
        return manager.create(values, shape).toType(dataType, false);
    }

    /** Marsaglia's polar method: each pair of uniforms gives two normals; the second waits here. */
    private double gaussian() {
        if (!Double.isNaN(spare)) {
            double s = spare;
            spare = Double.NaN;
            return s;
        }
        double u, v, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        return u * m;
    }
}
