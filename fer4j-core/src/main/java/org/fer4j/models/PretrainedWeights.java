package org.fer4j.models;

import org.fer4j.models.weights.SafeTensors;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fer4j.models.ExpressionNetwork;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.ResNet18;

/**
 * Loads a ResNet-18 exported from PyTorch ({@code torch.save}-free: a {@code .safetensors} file with
 * torchvision's parameter names, e.g. {@code conv1.weight}, {@code layer1.0.bn1.running_mean}) into
 * <em>every</em> backbone of a network, so both f_e and f_n of SPNDL without neutral start from the
 * same weights. The classifier {@code fc.*} is never loaded (the expression head has other classes)
 * and {@code num_batches_tracked} has no counterpart; both are listed as ignored. RGB weights load
 * into a grey model by summing {@code conv1.weight} over its three input channels.
 *
 * <p>By default a missing or mis-shaped tensor is an error that names it; {@code partial} keeps the
 * random initialisation for those instead. Unexpected tensors are reported, never an error, unless
 * nothing at all matched.
 */
public final class PretrainedWeights {
    /** Model option: the safetensors file every backbone starts from. */
    public static final String FILE = "pretrained";
    /** Model option: {@code true} to keep random weights for missing or mis-shaped tensors. */
    public static final String PARTIAL = "pretrained.partial";
    /** Model option: a prefix in front of every torchvision name in the file (e.g. {@code module.}). */
    public static final String PREFIX = "pretrained.prefix";

    private PretrainedWeights() {
    }

    /** Where the weights come from and how strictly they must fit. */
    public record Source(Path file, boolean partial, String prefix) {
        public Source {
            if (file == null) {
                throw new IllegalArgumentException("pretrained weights need a .safetensors file");
            }
            prefix = prefix == null ? "" : prefix;
        }

        /** The source a spec names, or null when it starts from scratch. */
        public static Source of(ModelSpec spec) {
            String f = spec.options().get(FILE);
            if (f == null || f.isBlank()) {
                return null;
            }
            return new Source(Path.of(f), Boolean.parseBoolean(spec.option(PARTIAL, "false")), spec.option(PREFIX, ""));
        }
    }

    /** A tensor whose shape in the file differs from the model's. */
    public record Mismatch(String name, String fileShape, String modelShape) {
        @Override
        public String toString() {
            return name + " (file " + fileShape + ", model " + modelShape + ")";
        }
    }

    /**
     * What a load did, by torchvision name.
     *
     * @param backbones  prefixes of the backbones loaded (each received the same tensors)
     * @param loaded     tensors copied into every backbone
     * @param adapted    tensors converted on the way (RGB {@code conv1.weight} summed for a grey model)
     * @param missing    model tensors the file lacks (kept at their random initialisation when partial)
     * @param misshaped  tensors present in both with different shapes (kept random when partial)
     * @param unexpected file tensors the backbone has no place for
     * @param ignored    file tensors skipped on purpose ({@code fc.*}, {@code num_batches_tracked})
     */
    public record Report(Path file, Map<String, String> metadata, List<String> backbones, List<String> loaded,
                         List<String> adapted, List<String> missing, List<Mismatch> misshaped,
                         List<String> unexpected, List<String> ignored) {
        public boolean complete() {
            return missing.isEmpty() && misshaped.isEmpty();
        }

        /** A few lines for the console. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "pretrained weights %s: %d tensors loaded into %s", file,
                    loaded.size(), String.join(" and ", backbones)));
            if (!adapted.isEmpty()) {
                b.append("; adapted ").append(adapted);
            }
            if (!ignored.isEmpty()) {
                b.append("; ignored ").append(ignored.size()).append(" (").append(abbreviate(ignored)).append(")");
            }
            if (!missing.isEmpty()) {
                b.append("\n  missing (random init kept): ").append(abbreviate(missing));
            }
            if (!misshaped.isEmpty()) {
                b.append("\n  mis-shaped (random init kept): ").append(abbreviate(misshaped));
            }
            if (!unexpected.isEmpty()) {
                b.append("\n  unexpected (not used): ").append(abbreviate(unexpected));
            }
            return b.toString();
        }
    }

    /**
     * Copies the file's tensors into every backbone of {@code network} (after its initialisation, before
     * {@link ExpressionNetwork#afterInitialization}).
     *
     * @throws IOException              the file is not a readable safetensors file
     * @throws IllegalArgumentException tensors are missing or mis-shaped (and not partial), or nothing matched
     */
    public static Report load(ExpressionNetwork network, Source source) throws IOException {
        try (SafeTensors st = SafeTensors.open(source.file())) {
            Map<String, Backbone> backbones = new java.util.TreeMap<>(network.trunks());
            if (backbones.isEmpty()) {
                throw new IllegalArgumentException(network.getClass().getSimpleName() + " has no backbone to load " + source.file() + " into");
            }
            Backbone first = backbones.values().iterator().next();
            Map<String, Parameter> model = first.namedParameters();
            String naming = first instanceof ResNet18 ? "torchvision ResNet-18" : "face-api FaceRecognitionNet";
            String prefix = source.prefix();
            List<String> loaded = new ArrayList<>();
            List<String> adapted = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            List<Mismatch> misshaped = new ArrayList<>();
            Set<String> used = new LinkedHashSet<>();
            List<float[]> values = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : model.entrySet()) {
                String name = e.getKey();
                SafeTensors.TensorInfo info = st.tensors().get(prefix + name);
                if (info == null) {
                    missing.add(name);
                    continue;
                }
                used.add(prefix + name);
                long[] want = e.getValue().getArray().getShape().getShape();
                if (SafeTensors.sameShape(info.shape(), want)) {
                    values.add(st.readFloats(info.name()));
                    names.add(name);
                } else if (name.equals(first.stemWeight()) && isRgbToGrey(info.shape(), want)) {
                    values.add(sumInputChannels(st.readFloats(info.name()), info.shape()));
                    names.add(name);
                    adapted.add(name + " (RGB " + info.shapeString() + " summed to grey " + SafeTensors.shapeString(want) + ")");
                } else {
                    misshaped.add(new Mismatch(name, info.shapeString(), SafeTensors.shapeString(want)));
                }
            }
            List<String> unexpected = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            for (String name : st.tensors().keySet()) {
                if (used.contains(name)) {
                    continue;
                }
                String local = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
                if (name.startsWith(prefix) && (local.startsWith("fc.") || local.equals("fc") || local.endsWith("num_batches_tracked"))) {
                    ignored.add(local);
                } else {
                    unexpected.add(name);
                }
            }
            if (used.isEmpty()) {
                throw new IllegalArgumentException(source.file() + ": none of its " + st.tensors().size()
                        + " tensors has a " + naming + " name" + (prefix.isEmpty() ? "" : " under the prefix '" + prefix + "'")
                        + " (first: " + abbreviate(new ArrayList<>(st.tensors().keySet())) + ")" + prefixHint(st, prefix));
            }
            if ((!source.partial() && (!missing.isEmpty() || !misshaped.isEmpty())) || names.isEmpty()) {
                StringBuilder msg = new StringBuilder(source.file() + ": the weights do not fit the model's "
                        + (first instanceof ResNet18 ? "ResNet-18" : "face ResNet"));
                if (!misshaped.isEmpty()) {
                    msg.append("; mis-shaped: ").append(abbreviate(misshaped)).append(widthHint(st, prefix, model));
                }
                if (!missing.isEmpty()) {
                    msg.append("; missing: ").append(abbreviate(missing));
                }
                msg.append(". Use --pretrained-partial to keep random weights for those tensors.");
                throw new IllegalArgumentException(msg.toString());
            }
            for (Backbone backbone : backbones.values()) {
                Map<String, Parameter> params = backbone.namedParameters();
                for (int i = 0; i < names.size(); i++) {
                    params.get(names.get(i)).getArray().set(values.get(i));
                }
            }
            return new Report(source.file(), st.metadata(), List.copyOf(backbones.keySet()), List.copyOf(names),
                    List.copyOf(adapted), List.copyOf(missing), List.copyOf(misshaped), List.copyOf(unexpected),
                    List.copyOf(ignored));
        }
    }

    /**
     * Writes an initialised backbone's parameters under its {@link Backbone#namedParameters() names} as a
     * safetensors file that {@link #load} reads back: how weights converted from another format (face-api's
     * TF.js trunk, by fer4j-vision) reach a model spec as {@link #FILE} without core knowing that format.
     */
    public static void save(Backbone backbone, Path file, Map<String, String> metadata) throws IOException {
        Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : backbone.namedParameters().entrySet()) {
            shapes.put(e.getKey(), e.getValue().getArray().getShape().getShape());
            values.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        SafeTensors.writeF32(file, shapes, values, metadata);
    }

    private static boolean isRgbToGrey(long[] file, long[] model) {
        return file.length == 4 && model.length == 4 && file[1] == 3 && model[1] == 1 && file[0] == model[0]
                && file[2] == model[2] && file[3] == model[3];
    }

    private static float[] sumInputChannels(float[] w, long[] shape) {
        int out = (int) shape[0];
        int in = (int) shape[1];
        int k = (int) (shape[2] * shape[3]);
        float[] s = new float[out * k];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int i = 0; i < k; i++) {
                    s[o * k + i] += w[(o * in + c) * k + i];
                }
            }
        }
        return s;
    }

    private static String widthHint(SafeTensors st, String prefix, Map<String, Parameter> model) {
        SafeTensors.TensorInfo conv1 = st.tensors().get(prefix + "conv1.weight");
        if (conv1 == null || conv1.shape().length != 4 || !model.containsKey("conv1.weight")) {
            return "";
        }
        long fileWidth = conv1.shape()[0];
        long modelWidth = model.get("conv1.weight").getArray().getShape().get(0);
        return fileWidth == modelWidth ? "" : String.format(Locale.ROOT,
                " (the file's stem has %d channels, the model's %d: these weights are for --width %s)", fileWidth,
                modelWidth, fileWidth / 64.0);
    }

    private static String prefixHint(SafeTensors st, String prefix) {
        for (String name : st.tensors().keySet()) {
            if (name.endsWith("conv1.weight") && !name.startsWith("layer") && !name.contains(".layer")
                    && !name.equals(prefix + "conv1.weight")) {
                return "; the stem is named '" + name + "': try --pretrained-prefix "
                        + name.substring(0, name.length() - "conv1.weight".length());
            }
        }
        return "";
    }

    static String abbreviate(List<?> items) {
        int shown = Math.min(items.size(), 8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            b.append(i == 0 ? "" : ", ").append(items.get(i));
        }
        if (items.size() > shown) {
            b.append(", … (").append(items.size() - shown).append(" more)");
        }
        return b.toString();
    }
}
