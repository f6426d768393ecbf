package org.fer4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.TwoBackboneNetwork;
import org.fer4j.models.weights.PretrainedWeights;
import picocli.CommandLine.Option;

/** Options that choose and size the network (shared by train, cv, ablation, demo, bench). */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "spndl", description = "baseline, spndl, spndl-nn or adversarial (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--width", defaultValue = "0.125", description = "ResNet-18 width multiplier; 1.0 is torchvision's (default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--image-size", defaultValue = "48", description = "Input side in pixels, at least 32; the papers use 224 (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--grey", description = "Use one grey channel instead of RGB.")
    boolean grey;

    @Option(names = "--nn-init-noise", description = "spndl-nn: relative noise added to f_n's copy of f_e (default: 0.05 from scratch, 0 with --pretrained).")
    Double nnInitNoise;

    @Option(names = "--pretrained", paramLabel = "FILE", description = "Start every backbone (both of spndl-nn) from ResNet-18 weights in a .safetensors file with torchvision's names, e.g. ImageNet or face-recognition weights exported from PyTorch; fc.* is ignored.")
    Path pretrained;

    @Option(names = "--pretrained-partial", description = "Keep random weights for tensors the file lacks or holds in another shape (they are reported) instead of failing.")
    boolean pretrainedPartial;

    @Option(names = "--pretrained-prefix", defaultValue = "", description = "Prefix in front of the torchvision names in the file, e.g. 'module.' or 'backbone.'.")
    String pretrainedPrefix;

    @Option(names = "--beta1", defaultValue = "0", description = "adversarial: reconstruction weight β1 (default: ${DEFAULT-VALUE}).")
    double beta1;

    @Option(names = "--beta2", defaultValue = "1", description = "adversarial: adversarial-loss weight β2 (default: ${DEFAULT-VALUE}).")
    double beta2;

    @Option(names = "--adversarial-mode", defaultValue = "confusion", description = "adversarial: confusion or reversal (default: ${DEFAULT-VALUE}).")
    String adversarialMode;

    @Option(names = "--reversal-lambda", defaultValue = "1", description = "adversarial: gradient reversal scale λ (default: ${DEFAULT-VALUE}).")
    double reversalLambda;

    public ModelKind kind() {
        return ModelKind.parse(model);
    }

    public Preprocessing preprocessing() {
        Preprocessing rgb = Preprocessing.rgb(imageSize);
        return grey ? new Preprocessing(imageSize, 1, rgb.margin(), new float[] {0.45f}, new float[] {0.225f}) : rgb;
    }

    public ModelSpec spec(ModelKind kind, LabelSet labels) {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                TwoBackboneNetwork.INIT_NOISE, Double.toString(nnInitNoise != null ? nnInitNoise : pretrained != null ? 0 : 0.05),
                "adv.beta1", Double.toString(beta1),
                "adv.beta2", Double.toString(beta2),
                "adv.mode", adversarialMode,
                "adv.lambda", Double.toString(reversalLambda)));
        if (pretrained != null) {
            options.put(PretrainedWeights.FILE, pretrained.toAbsolutePath().normalize().toString());
            options.put(PretrainedWeights.PARTIAL, Boolean.toString(pretrainedPartial));
            options.put(PretrainedWeights.PREFIX, pretrainedPrefix);
        } else if (pretrainedPartial || !pretrainedPrefix.isEmpty()) {
            throw new IllegalArgumentException("--pretrained-partial and --pretrained-prefix need --pretrained FILE.safetensors");
        }
        return new ModelSpec(kind, width, preprocessing(), labels, options);
    }
}
