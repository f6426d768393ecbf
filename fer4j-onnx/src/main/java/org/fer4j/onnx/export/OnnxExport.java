package org.fer4j.onnx.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.models.FerModel;
import org.fer4j.models.FoldedResNet18;
import org.fer4j.models.ResNet18;
import org.fer4j.onnx.OnnxModelInfo;
import org.fer4j.onnx.proto.OnnxGraph;
import org.fer4j.onnx.proto.OnnxGraph.Attribute;
import org.fer4j.util.AtomicFiles;

/**
 * Writes a trained model as an ONNX file that ONNX Runtime (or any ONNX consumer) runs without fer4j:
 * the network's inference path with BatchNorm folded into the convolutions (fer4j's own
 * {@link ResNet18#fold}), a dynamic batch axis, inputs {@code target} (and {@code neutral} for SPNDL),
 * outputs {@code logits} and {@code features}, and the preprocessing and labels in the metadata
 * ({@link OnnxModelInfo}). For the adversarial model the expression path is exported (encoder → z_e →
 * classifier); its adversary and decoder are training-only.
 */
public final class OnnxExport {
    /** The default-domain opset the graph is written for (Shape's start/end, Split's sizes input). */
    public static final int OPSET = 17;
    private static final String BATCH = "batch";

    private OnnxExport() {
    }

    /**
     * Writes {@code model} to {@code out} atomically (a temporary sibling renamed over it); an existing
     * file is refused unless {@code overwrite}.
     */
    public static void write(FerModel model, Path out, boolean overwrite, String producerVersion) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a folder; give the ONNX file to write, e.g. " + out.resolve("model.onnx"));
        }
        if (Files.exists(out) && !overwrite) {
            throw new IOException(out + ": already exists; pass --force to replace it");
        }
        byte[] bytes = toBytes(model, producerVersion);
        AtomicFiles.writeFile(out, tmp -> Files.write(tmp, bytes));
    }

    /** The model as the bytes of an ONNX file. */
    public static byte[] toBytes(FerModel model, String producerVersion) {
        var spec = model.spec();
        org.fer4j.models.BackboneKind backbone = org.fer4j.models.BackboneKind.of(spec);
        if (backbone != org.fer4j.models.BackboneKind.RESNET18) {
            throw new IllegalArgumentException("ONNX export writes ResNet-18 models only; this " + spec.kind().cliName()
                    + " model is built on backbone " + backbone + " (predict it with --engine djl)");
        }
        OnnxModelInfo info = new OnnxModelInfo(spec.kind().cliName(), spec.labels(), spec.preprocessing(),
                model.needsNeutral(), model.provenance());
        int c = spec.preprocessing().channels();
        int s = spec.preprocessing().size();
        OnnxGraph g = new OnnxGraph("fer4j_" + spec.kind().cliName().replace('-', '_'));
        g.input(OnnxModelInfo.TARGET, BATCH, (long) c, (long) s, (long) s);
        if (info.needsNeutral()) {
            g.input(OnnxModelInfo.NEUTRAL, BATCH, (long) c, (long) s, (long) s);
        }
        Map<String, Parameter> params = model.namedParameters();
        Map<String, ResNet18> backbones = model.network().backbones();
        long featureSize;
        try (NDManager folding = model.manager().newSubManager()) {
            String target = OnnxModelInfo.TARGET;
            // A switch expression: a new ModelKind does not compile here until it says how it exports.
            ExpressionPath path = switch (spec.kind()) {
                case BASELINE -> new ExpressionPath(resnet(g, "backbone.", backbones.get("backbone").fold(folding), target), "fc.");
                case SPNDL -> {
                    // Targets and neutral references through the shared backbone as one batch of 2B, then split.
                    String joint = g.node("Concat", List.of(target, OnnxModelInfo.NEUTRAL), Attribute.of("axis", 0));
                    String v = resnet(g, "backbone.", backbones.get("backbone").fold(folding), joint);
                    String b = g.node("Shape", List.of(target), Attribute.of("start", 0), Attribute.of("end", 1));
                    String sizes = g.node("Concat", List.of(b, b), Attribute.of("axis", 0));
                    g.node("Split", List.of(v, sizes), List.of("v_target", "v_neutral"), Attribute.of("axis", 0));
                    yield new ExpressionPath(g.node("Sub", List.of("v_target", "v_neutral")), "fc.");
                }
                case SPNDL_NO_NEUTRAL -> {
                    String fe = resnet(g, "expression.", backbones.get("expression").fold(folding), target);
                    String fn = resnet(g, "neutral.", backbones.get("neutral").fold(folding), target);
                    yield new ExpressionPath(g.node("Sub", List.of(fe, fn)), "fc.");
                }
                case ADVERSARIAL -> {
                    String h = resnet(g, "encoder.", backbones.get("encoder").fold(folding), target);
                    String hidden = g.node("Relu", List.of(linear(g, params, "expression_branch.0.", h)));
                    yield new ExpressionPath(linear(g, params, "expression_branch.2.", hidden), "classifier.");
                }
            };
            String features = path.features();
            String head = path.head();
            featureSize = params.get(head + "weight").getArray().getShape().get(1);
            g.node("Identity", List.of(features), List.of(OnnxModelInfo.FEATURES));
            g.node("Gemm", List.of(OnnxModelInfo.FEATURES, weight(g, params, head), bias(g, params, head)),
                    List.of(OnnxModelInfo.LOGITS), Attribute.of("transB", 1));
        }
        long classes = spec.labels().size();
        g.output(OnnxModelInfo.LOGITS, BATCH, classes);
        g.output(OnnxModelInfo.FEATURES, BATCH, featureSize);
        String doc = "fer4j " + spec.kind().cliName() + " (ResNet-18 width " + spec.width() + "), classes "
                + spec.labels().names() + "; inputs " + info.inputNames() + " of " + c + "x" + s + "x" + s
                + " normalised images; BatchNorm folded";
        return g.toModel(OPSET, "fer4j", producerVersion, doc, info.toProperties());
    }

    /** A kind's expression path in the graph: the value holding its features, and its classifier's parameter prefix. */
    private record ExpressionPath(String features, String head) {
    }

    /** The folded ResNet-18 on {@code x}: its pooled, flattened features. */
    private static String resnet(OnnxGraph g, String prefix, FoldedResNet18 net, String x) {
        String y = g.node("Relu", List.of(conv(g, prefix + "conv1", net.stem(), x)));
        y = g.node("MaxPool", List.of(y), Attribute.ints("kernel_shape", 3, 3), Attribute.ints("strides", 2, 2),
                Attribute.ints("pads", 1, 1, 1, 1));
        int i = 0;
        for (FoldedResNet18.Block b : net.blocks()) {
            String name = prefix + "layer" + (i / 2 + 1) + "." + (i % 2) + ".";
            String r1 = g.node("Relu", List.of(conv(g, name + "conv1", b.conv1(), y)));
            String c2 = conv(g, name + "conv2", b.conv2(), r1);
            String shortcut = b.downsample() == null ? y : conv(g, name + "downsample", b.downsample(), y);
            y = g.node("Relu", List.of(g.node("Add", List.of(c2, shortcut))));
            i++;
        }
        return g.node("Flatten", List.of(g.node("GlobalAveragePool", List.of(y))), Attribute.of("axis", 1));
    }

    private static String conv(OnnxGraph g, String name, FoldedResNet18.FoldedConv conv, String x) {
        long[] dims = conv.weight().getShape().getShape();
        String w = g.initializer(name + ".weight", dims, conv.weight().toFloatArray());
        String b = g.initializer(name + ".bias", new long[] {dims[0]}, conv.bias().toFloatArray());
        long sh = conv.stride().get(0);
        long sw = conv.stride().get(1);
        long ph = conv.padding().get(0);
        long pw = conv.padding().get(1);
        return g.node("Conv", List.of(x, w, b), Attribute.ints("kernel_shape", dims[2], dims[3]),
                Attribute.ints("strides", sh, sw), Attribute.ints("pads", ph, pw, ph, pw));
    }

    /** A DJL Linear layer (weight: out × in, as PyTorch's) as Gemm with the weight transposed. */
    private static String linear(OnnxGraph g, Map<String, Parameter> params, String prefix, String x) {
        return g.node("Gemm", List.of(x, weight(g, params, prefix), bias(g, params, prefix)), Attribute.of("transB", 1));
    }

    private static String weight(OnnxGraph g, Map<String, Parameter> params, String prefix) {
        return tensor(g, params, prefix + "weight");
    }

    private static String bias(OnnxGraph g, Map<String, Parameter> params, String prefix) {
        return tensor(g, params, prefix + "bias");
    }

    private static String tensor(OnnxGraph g, Map<String, Parameter> params, String name) {
        Parameter p = params.get(name);
        if (p == null || p.getArray() == null) {
            throw new IllegalStateException("the network has no parameter " + name + " to export");
        }
        NDArray a = p.getArray();
        return g.initializer(name, a.getShape().getShape(), a.toFloatArray());
    }
}
