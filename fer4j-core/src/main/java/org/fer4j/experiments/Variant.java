package org.fer4j.experiments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.models.AdversarialConfig;
import org.fer4j.models.ModelKind;

/**
 * One row of an ablation: a network, whether self-paced learning wraps it (Table 4's
 * baseline / SPL only / NDF only / NDF + SPL, plus the variant without a neutral image), and the model
 * options the row sets (e.g. β1, β2 of the adversarial model) on top of the command's.
 */
public record Variant(String name, ModelKind kind, boolean selfPaced, Map<String, String> options) {
    public Variant {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public Variant(String name, ModelKind kind, boolean selfPaced) {
        this(name, kind, selfPaced, Map.of());
    }

    public static List<Variant> spndlAblation() {
        return List.of(new Variant("baseline", ModelKind.BASELINE, false),
                new Variant("SPL only", ModelKind.BASELINE, true),
                new Variant("NDF only", ModelKind.SPNDL, false),
                new Variant("NDF + SPL (SPNDL)", ModelKind.SPNDL, true),
                new Variant("w/o neutral (NDF + SPL)", ModelKind.SPNDL_NO_NEUTRAL, true));
    }

    /**
     * [A]'s ablation over β1, with the baseline and the model without its adversarial loss (β2 = 0, at
     * the first β1) for comparison; every row with the same self-paced setting.
     */
    public static List<Variant> adversarialAblation(List<Double> beta1s, double beta2, boolean selfPaced) {
        if (beta1s.isEmpty()) {
            throw new IllegalArgumentException("the adversarial ablation needs at least one --beta1 value");
        }
        List<Variant> rows = new ArrayList<>();
        rows.add(new Variant("baseline", ModelKind.BASELINE, selfPaced));
        if (beta2 != 0) {
            rows.add(adversarial(beta1s.get(0), 0, selfPaced));
        }
        for (double b1 : beta1s) {
            rows.add(adversarial(b1, beta2, selfPaced));
        }
        if (rows.stream().map(Variant::name).distinct().count() != rows.size()) {
            throw new IllegalArgumentException("--beta1 lists a value twice: " + beta1s);
        }
        return List.copyOf(rows);
    }

    /**
     * Issue 17's stronger adversaries, each a named change on top of the command's adversarial settings;
     * "+" combines them (e.g. {@code ensemble+identity}). The values are the ones docs/RESULTS.md measured.
     * The presets that set one number take another as {@code name=value} (see {@link #VALUED_PRESETS}).
     */
    public static final Map<String, Map<String, String>> ADVERSARY_PRESETS = presets();

    private static Map<String, Map<String, String>> presets() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        m.put("linear", Map.of(AdversarialConfig.ARCH, "linear"));
        m.put("deep", Map.of(AdversarialConfig.ARCH, "deep"));
        m.put("raw", Map.of(AdversarialConfig.INPUT, "raw"));
        m.put("ensemble", Map.of(AdversarialConfig.COUNT, "4", AdversarialConfig.RESET, "2"));
        m.put("steps5", Map.of(AdversarialConfig.STEPS, "5"));
        m.put("reversal", Map.of(AdversarialConfig.MODE, "reversal"));
        m.put("identity", Map.of(AdversarialConfig.IDENTITY, "1.0"));
        return Collections.unmodifiableMap(m);
    }

    /** The setting a {@code name=value} preset gives its value to: identity=0.1, steps=3, lr=0.01, ensemble=8. */
    public static final Map<String, String> VALUED_PRESETS = Map.of("identity", AdversarialConfig.IDENTITY,
            "steps", AdversarialConfig.STEPS, "lr", AdversarialConfig.ADVERSARY_LR, "ensemble", AdversarialConfig.COUNT);

    private static Map<String, String> preset(String token) {
        String t = token.trim();
        int eq = t.indexOf('=');
        if (eq < 0) {
            Map<String, String> preset = ADVERSARY_PRESETS.get(t);
            if (preset == null) {
                throw new IllegalArgumentException("unknown adversary variant '" + t + "' in --adversary-variants; use "
                        + String.join(", ", ADVERSARY_PRESETS.keySet()) + " (" + String.join(", ", new TreeMap<>(VALUED_PRESETS).keySet())
                        + " also as name=value), several joined by +");
            }
            return preset;
        }
        String name = t.substring(0, eq).trim();
        String value = t.substring(eq + 1).trim();
        String key = VALUED_PRESETS.get(name);
        if (key == null) {
            throw new IllegalArgumentException("adversary variant '" + name + "' takes no value in '" + t + "'; those that do: "
                    + String.join(", ", new TreeMap<>(VALUED_PRESETS).keySet()));
        }
        try {
            Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("adversary variant '" + t + "': '" + value + "' is not a number");
        }
        Map<String, String> m = new TreeMap<>(ADVERSARY_PRESETS.getOrDefault(name, Map.of()));
        m.put(key, key.equals(AdversarialConfig.STEPS) || key.equals(AdversarialConfig.COUNT)
                ? Integer.toString((int) Double.parseDouble(value)) : value);
        return m;
    }

    /**
     * The adversarial ablation of {@link #adversarialAblation} followed by one row per preset
     * combination in {@code presets} (see {@link #ADVERSARY_PRESETS}), each at the first β1 and at β2.
     */
    public static List<Variant> adversarialAblation(List<Double> beta1s, double beta2, boolean selfPaced,
                                                    List<String> presets) {
        List<Variant> rows = new ArrayList<>(adversarialAblation(beta1s, beta2, selfPaced));
        for (String combination : presets) {
            Map<String, String> options = new TreeMap<>(adversarial(beta1s.get(0), beta2, selfPaced).options());
            for (String token : combination.split("\\+")) {
                options.putAll(preset(token));
            }
            rows.add(new Variant("adversarial " + combination.trim(), ModelKind.ADVERSARIAL, selfPaced, options));
        }
        if (rows.stream().map(Variant::name).distinct().count() != rows.size()) {
            throw new IllegalArgumentException("--adversary-variants lists a row twice: " + presets);
        }
        return List.copyOf(rows);
    }

    private static Variant adversarial(double beta1, double beta2, boolean selfPaced) {
        return new Variant("adversarial beta1=" + plain(beta1) + " beta2=" + plain(beta2), ModelKind.ADVERSARIAL,
                selfPaced, Map.of(AdversarialConfig.BETA1, Double.toString(beta1), AdversarialConfig.BETA2,
                Double.toString(beta2)));
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
