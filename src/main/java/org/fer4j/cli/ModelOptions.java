package org.fer4j.cli;

import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.TwoBackboneNetwork;
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

    @Option(names = "--crop-margin", defaultValue = "0.1", description = "Fraction of the face box (landmark or dataset box) added on every side before cropping; saved with the model (default: ${DEFAULT-VALUE}).")
    double cropMargin;

    @Option(names = "--nn-init-noise", defaultValue = "0.05", description = "spndl-nn from scratch: relative noise added to f_n's copy of f_e (default: ${DEFAULT-VALUE}).")
    double nnInitNoise;

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
        return grey ? new Preprocessing(imageSize, 1, cropMargin, new float[] {0.45f}, new float[] {0.225f})
                : new Preprocessing(imageSize, 3, cropMargin, rgb.mean(), rgb.std());
    }

    public ModelSpec spec(ModelKind kind, LabelSet labels) {
        return new ModelSpec(kind, width, preprocessing(), labels, Map.of(
                TwoBackboneNetwork.INIT_NOISE, Double.toString(nnInitNoise),
                "adv.beta1", Double.toString(beta1),
                "adv.beta2", Double.toString(beta2),
                "adv.mode", adversarialMode,
                "adv.lambda", Double.toString(reversalLambda)));
    }
}
