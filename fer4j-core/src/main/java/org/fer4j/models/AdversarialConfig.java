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
 * @param adversaries    what the adversaries are: how many, their architecture and input, their
 *                       learning rate and how often one is replaced (issue 17's stronger adversaries)
 * @param identityWeight weight γ of the identity-keeping term on z_n (a supervised contrastive loss over
 *                       the batch's subjects), 0 = off: [A]'s z_n holds "the other factors of variation",
 *                       identity first, so where subjects are known it may be asked to keep them
 */
public record AdversarialConfig(int zSize, double beta1, double beta2, Mode mode, double reversalLambda,
                                int adversarySteps, Adversaries adversaries, double identityWeight) {
    public static final String Z_SIZE = "adv.z";
    public static final String BETA1 = "adv.beta1";
    public static final String BETA2 = "adv.beta2";
    public static final String MODE = "adv.mode";
    public static final String LAMBDA = "adv.lambda";
    public static final String STEPS = "adv.steps";
    public static final String COUNT = "adv.count";
    public static final String RESET = "adv.reset";
    public static final String ARCH = "adv.arch";
    public static final String ADVERSARY_LR = "adv.lr";
    public static final String INPUT = "adv.input";
    public static final String IDENTITY = "adv.identity";

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

    /** The adversary C_n's form: how deep a reader of z_n the encoder has to fool. */
    public enum Architecture {
        /** One linear layer: the same family as the fresh probe that judges z_n. */
        LINEAR(0),
        /** Linear, ReLU, linear (hidden size z): the default. */
        MLP(1),
        /** Three linear layers with two hidden ReLU layers. */
        DEEP(2);

        private final int hiddenLayers;

        Architecture(int hiddenLayers) {
            this.hiddenLayers = hiddenLayers;
        }

        public int hiddenLayers() {
            return hiddenLayers;
        }

        public static Architecture parse(String s) {
            for (Architecture a : values()) {
                if (a.cliName().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown adversary architecture '" + s + "'; use linear, mlp or deep");
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The adversaries C_n. A single adversary trained alongside the encoder can be fooled without the
     * expression leaving z_n (Elazar and Goldberg, EMNLP 2018); an ensemble whose members are replaced
     * by fresh ones is harder to fool that way, because the encoder cannot specialise against a reader
     * that is about to be redrawn.
     *
     * @param count        adversaries, each with its own optimizer; the encoder fools their mean
     * @param resetEvery   every this many epochs one adversary (in turn) is re-initialised, moments and
     *                     all; 0 = never
     * @param architecture linear, mlp or deep
     * @param learningRate the adversaries' Adam learning rate; 0 = the run's
     * @param standardised whether z_n is standardised per feature over the batch before C_n reads it
     */
    public record Adversaries(int count, int resetEvery, Architecture architecture, double learningRate,
                              boolean standardised) {
        public Adversaries {
            if (architecture == null) {
                throw new IllegalArgumentException("adversary architecture is required (linear, mlp or deep)");
            }
            if (count < 1 || count > 16) {
                throw new IllegalArgumentException("--adversaries must be in [1, 16], got " + count);
            }
            if (resetEvery < 0 || resetEvery > 10_000) {
                throw new IllegalArgumentException("--adversary-reset must be in [0, 10000] epochs, got " + resetEvery);
            }
            if (!(learningRate >= 0 && learningRate < 1)) {
                throw new IllegalArgumentException("--adversary-lr must be in [0, 1) (0 = the run's), got " + learningRate);
            }
        }

        /** One standardised MLP adversary, never reset, at the run's learning rate: fer4j before issue 17. */
        public static Adversaries single() {
            return new Adversaries(1, 0, Architecture.MLP, 0, true);
        }
    }

    /** The settings of fer4j before issue 17's adversary options (one standardised MLP adversary, no identity term). */
    public AdversarialConfig(int zSize, double beta1, double beta2, Mode mode, double reversalLambda, int adversarySteps) {
        this(zSize, beta1, beta2, mode, reversalLambda, adversarySteps, Adversaries.single(), 0);
    }

    public AdversarialConfig {
        if (adversaries == null) {
            throw new IllegalArgumentException("the adversaries' settings are required");
        }
        if (!(identityWeight >= 0 && identityWeight <= 1000)) {
            throw new IllegalArgumentException("--identity-weight must be in [0, 1000], got " + identityWeight);
        }
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

    /** METHODS.md §6 defaults: 128-d representations, β1 = 0, β2 = 1, confusion, λ = 1, one adversary step, one MLP adversary. */
    public static AdversarialConfig defaults() {
        return new AdversarialConfig(128, 0, 1, Mode.CONFUSION, 1, 1);
    }

    /** Reads the settings from a spec's options, defaults where absent; bad values name the option. */
    public static AdversarialConfig of(ModelSpec spec) {
        AdversarialConfig d = defaults();
        try {
            Adversaries a = d.adversaries;
            Adversaries adversaries = new Adversaries((int) spec.option(COUNT, a.count()),
                    (int) spec.option(RESET, a.resetEvery()),
                    Architecture.parse(spec.option(ARCH, a.architecture().cliName())),
                    spec.option(ADVERSARY_LR, a.learningRate()), standardisedInput(spec.option(INPUT, "standardised")));
            return new AdversarialConfig((int) spec.option(Z_SIZE, d.zSize), spec.option(BETA1, d.beta1),
                    spec.option(BETA2, d.beta2), Mode.parse(spec.option(MODE, d.mode.cliName())),
                    spec.option(LAMBDA, d.reversalLambda), (int) spec.option(STEPS, d.adversarySteps), adversaries,
                    spec.option(IDENTITY, d.identityWeight));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("adversarial model options are not numbers: " + spec.options(), e);
        }
    }

    /** Whether an {@code --adversary-input} value (standardised or raw) asks for standardised z_n. */
    public static boolean standardisedInput(String input) {
        return switch (input.trim().toLowerCase(Locale.ROOT)) {
            case "standardised", "standardized" -> true;
            case "raw" -> false;
            default -> throw new IllegalArgumentException("unknown adversary input '" + input + "'; use standardised or raw");
        };
    }

    /**
     * The settings as spec options. Issue 17's options are written only where they differ from the
     * defaults, so models saved before them keep the same spec (and resume).
     */
    public Map<String, String> toOptions() {
        Map<String, String> m = new TreeMap<>();
        m.put(Z_SIZE, Integer.toString(zSize));
        m.put(BETA1, Double.toString(beta1));
        m.put(BETA2, Double.toString(beta2));
        m.put(MODE, mode.cliName());
        m.put(LAMBDA, Double.toString(reversalLambda));
        m.put(STEPS, Integer.toString(adversarySteps));
        Adversaries d = Adversaries.single();
        if (adversaries.count() != d.count()) {
            m.put(COUNT, Integer.toString(adversaries.count()));
        }
        if (adversaries.resetEvery() != d.resetEvery()) {
            m.put(RESET, Integer.toString(adversaries.resetEvery()));
        }
        if (adversaries.architecture() != d.architecture()) {
            m.put(ARCH, adversaries.architecture().cliName());
        }
        if (adversaries.learningRate() != d.learningRate()) {
            m.put(ADVERSARY_LR, Double.toString(adversaries.learningRate()));
        }
        if (!adversaries.standardised()) {
            m.put(INPUT, "raw");
        }
        if (identityWeight != 0) {
            m.put(IDENTITY, Double.toString(identityWeight));
        }
        return m;
    }
}
