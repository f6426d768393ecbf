package org.fer4j.models;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of the adversarial disentangling model [A] (METHODS.md §6), kept as string options of
 * the {@link ModelSpec} so a saved model and a resumed run carry them and a checkpoint trained with
 * other settings is refused.
 *
 * @param zSize          size of each representation, z_e and z_n (128 in METHODS.md, a choice)
 * @param beta1          weight of the reconstruction loss; 0 (the paper's best) leaves the decoder untrained
 * @param beta2          weight of the adversarial loss on the encoder side; 0 turns disentangling off
 * @param mode           confusion (default) or gradient reversal
 * @param reversalLambda gradient reversal scale λ (the encoder receives −β2·λ times the adversary's gradient)
 * @param adversarySteps adversary updates per encoder update, on the same batch
 */
public record AdversarialConfig(int zSize, double beta1, double beta2, Mode mode, double reversalLambda,
                                int adversarySteps) {
    public static final String Z_SIZE = "adv.z";
    public static final String BETA1 = "adv.beta1";
    public static final String BETA2 = "adv.beta2";
    public static final String MODE = "adv.mode";
    public static final String LAMBDA = "adv.lambda";
    public static final String STEPS = "adv.steps";

    /** How the encoder side is made to fool the adversary C_n. */
    public enum Mode {
        /** C_n learns on a stopped-gradient z_n; the encoder pushes C_n(z_n) towards the uniform distribution. */
        CONFUSION,
        /** One backward pass; between z_n and C_n the gradient is multiplied by −λ. */
        REVERSAL;

        public static Mode parse(String s) {
            String n = s.trim().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "confusion" -> CONFUSION;
                case "reversal", "gradient-reversal", "grl" -> REVERSAL;
                default -> throw new IllegalArgumentException("unknown adversarial mode '" + s
                        + "'; use confusion or reversal");
            };
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AdversarialConfig {
        if (mode == null) {
            throw new IllegalArgumentException("adversarial mode is required (confusion or reversal)");
        }
        if (zSize < 2 || zSize > 4096) {
            throw new IllegalArgumentException("representation size (z_e, z_n) must be in [2, 4096], got " + zSize);
        }
        if (!(beta1 >= 0 && beta1 <= 1000) || !(beta2 >= 0 && beta2 <= 1000)) {
            throw new IllegalArgumentException("--beta1 and --beta2 must be in [0, 1000], got " + beta1 + " and " + beta2);
        }
        if (!(reversalLambda > 0 && reversalLambda <= 1000)) {
            throw new IllegalArgumentException("--reversal-lambda must be in (0, 1000], got " + reversalLambda);
        }
        if (adversarySteps < 1 || adversarySteps > 100) {
            throw new IllegalArgumentException("--adversary-steps must be in [1, 100], got " + adversarySteps);
        }
    }

    /** METHODS.md §6 defaults: 128-d representations, β1 = 0, β2 = 1, confusion, λ = 1, one adversary step. */
    public static AdversarialConfig defaults() {
        return new AdversarialConfig(128, 0, 1, Mode.CONFUSION, 1, 1);
    }

    /** Reads the settings from a spec's options, defaults where absent; bad values name the option. */
    public static AdversarialConfig of(ModelSpec spec) {
        AdversarialConfig d = defaults();
        try {
            return new AdversarialConfig((int) spec.option(Z_SIZE, d.zSize), spec.option(BETA1, d.beta1),
                    spec.option(BETA2, d.beta2), Mode.parse(spec.option(MODE, d.mode.cliName())),
                    spec.option(LAMBDA, d.reversalLambda), (int) spec.option(STEPS, d.adversarySteps));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("adversarial model options are not numbers: " + spec.options(), e);
        }
    }

    /** The settings as spec options. */
    public Map<String, String> toOptions() {
        Map<String, String> m = new TreeMap<>();
        m.put(Z_SIZE, Integer.toString(zSize));
        m.put(BETA1, Double.toString(beta1));
        m.put(BETA2, Double.toString(beta2));
        m.put(MODE, mode.cliName());
        m.put(LAMBDA, Double.toString(reversalLambda));
        m.put(STEPS, Integer.toString(adversarySteps));
        return m;
    }
}
