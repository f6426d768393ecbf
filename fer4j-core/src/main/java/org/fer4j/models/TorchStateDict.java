package org.fer4j.models;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fer4j.models.weights.SafeTensors;

/**
 * A whole network's weights in PyTorch's names: the one mapping between fer4j's parameter names and a
 * {@code state_dict} of the same model written in PyTorch ({@code f.} the backbone, {@code fn.} the
 * neutral backbone of SPNDL without neutral, {@code fc.} the classifier; torchvision's names inside
 * each backbone). Parity checks load the PyTorch oracle's initial weights through it and compare
 * tensors by these names; unlike {@link PretrainedWeights} (backbones only, for transfer) it fits every
 * tensor, the head included, or fails naming the ones that do not.
 */
public final class TorchStateDict {
    private TorchStateDict() {
    }

    /** fer4j child block → PyTorch module prefix, for the kinds a PyTorch twin exists of. */
    static Map<String, String> prefixes(ModelKind kind) {
        return switch (kind) {
            case BASELINE, SPNDL -> Map.of("backbone.", "f.", "fc.", "fc.");
            case SPNDL_NO_NEUTRAL -> Map.of("expression.", "f.", "neutral.", "fn.", "fc.", "fc.");
            case ADVERSARIAL -> throw new IllegalArgumentException(
                    "the adversarial model has no PyTorch state_dict mapping (baseline, spndl, spndl-nn have)");
        };
    }

    /** The PyTorch name of one of {@code kind}'s parameters (as {@link FerModel#namedParameters} names it). */
    public static String torchName(ModelKind kind, String name) {
        for (Map.Entry<String, String> e : prefixes(kind).entrySet()) {
            if (name.startsWith(e.getKey())) {
                return e.getValue() + name.substring(e.getKey().length());
            }
        }
        throw new IllegalArgumentException(kind + " has no PyTorch name for parameter " + name);
    }

    /** Every parameter and BatchNorm buffer of {@code model}, by PyTorch name, as float32 values. */
    public static Map<String, float[]> state(FerModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> out.put(torchName(model.spec().kind(), k), p.getArray().toFloatArray()));
        return out;
    }

    /**
     * Copies every tensor of a PyTorch {@code state_dict} saved as safetensors into {@code model}.
     *
     * @throws IllegalArgumentException naming the file and every missing, mis-shaped or unexpected tensor
     *                                  ({@code num_batches_tracked} has no counterpart and is ignored)
     */
    public static void load(FerModel model, Path file) throws IOException {
        ModelKind kind = model.spec().kind();
        try (SafeTensors st = SafeTensors.open(file)) {
            List<String> missing = new ArrayList<>();
            List<String> misshaped = new ArrayList<>();
            Map<Parameter, String> plan = new LinkedHashMap<>();
            Set<String> matched = new HashSet<>(); // the model's names found in the file, fitting or not
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                String name = torchName(kind, e.getKey());
                SafeTensors.TensorInfo info = st.tensors().get(name);
                long[] want = e.getValue().getArray().getShape().getShape();
                if (info == null) {
                    missing.add(name);
                    continue;
                }
                matched.add(name);
                if (!SafeTensors.sameShape(info.shape(), want)) {
                    misshaped.add(name + " (file " + info.shapeString() + ", model " + SafeTensors.shapeString(want) + ")");
                } else {
                    plan.put(e.getValue(), name);
                }
            }
            List<String> unexpected = new ArrayList<>();
            for (String name : st.tensors().keySet()) {
                if (!matched.contains(name) && !name.endsWith("num_batches_tracked")) {
                    unexpected.add(name);
                }
            }
            if (!missing.isEmpty() || !misshaped.isEmpty() || !unexpected.isEmpty()) {
                StringBuilder msg = new StringBuilder(file + ": not the state_dict of this " + kind.cliName()
                        + " model (width " + model.spec().width() + ", " + model.spec().labels().size() + " classes)");
                if (!missing.isEmpty()) {
                    msg.append("; missing: ").append(first(missing));
                }
                if (!misshaped.isEmpty()) {
                    msg.append("; mis-shaped: ").append(first(misshaped));
                }
                if (!unexpected.isEmpty()) {
                    msg.append("; unexpected: ").append(first(unexpected));
                }
                throw new IllegalArgumentException(msg.toString());
            }
            for (Map.Entry<Parameter, String> e : plan.entrySet()) {
                e.getKey().getArray().set(st.readFloats(e.getValue()));
            }
        }
    }

    private static String first(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }
}
