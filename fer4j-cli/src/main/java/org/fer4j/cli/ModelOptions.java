package org.fer4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.AdversarialConfig;
import org.fer4j.models.BackboneKind;
import org.fer4j.models.FaceResNet;
import org.fer4j.vision.faceapi.FaceRecognitionModel;
import org.fer4j.vision.store.ModelStore;
import org.fer4j.models.Initialisation;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.TwoBackboneNetwork;
import org.fer4j.models.PretrainedWeights;
import picocli.CommandLine.Option;

/** Options that choose and size the network (shared by train, cv, ablation, demo, bench). */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "spndl", description = "baseline, spndl, spndl-nn or adversarial (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--width", defaultValue = "0.125", description = "ResNet-18 width multiplier; 1.0 is torchvision's (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 4, minExclusive = true, why = "1.0 is torchvision's ResNet-18")
    double width;

    @Option(names = "--image-size", defaultValue = "48", description = "Input side in pixels, at least 32; the papers use 224 (default: ${DEFAULT-VALUE}).")
    @Range(min = 32, max = 1024)
    int imageSize;

    @Option(names = "--grey", description = "Use one grey channel instead of RGB.")
    boolean grey;

    @Option(names = "--crop-margin", defaultValue = "0.1", description = "Fraction of the face box (landmark or dataset box) added on every side before cropping; saved with the model (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1)
    double cropMargin;

    @Option(names = "--init", defaultValue = "torchvision", description = "Initial weights: torchvision (kaiming-normal fan_out convolutions, nn.Linear's default; the papers' setup) or he-normal (fer4j before 0.1: N(0, 2/fan_in) for every weight) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--nn-init-noise", description = "spndl-nn: relative noise added to f_n's copy of f_e (default: 0.05 from scratch, 0 with --pretrained).")
    @Range(min = 0, max = 10)
    Double nnInitNoise;

    @Option(names = "--backbone", defaultValue = "resnet18", description = "baseline, spndl, spndl-nn: resnet18 (torchvision's, from scratch or --pretrained) or face-resnet (face-api's face-recognition trunk, 256 features, started from the model store's faceapi-recognition weights in every backbone; needs --image-size of at least 103, face-api uses 150; inputs normalised as face-api's, (rgb - mean)/255) (default: ${DEFAULT-VALUE}).")
    String backbone;

    /** The converted face-resnet weights, made once per options object (an ablation asks for several specs). */
    private Path faceResNetFile;

    @Option(names = "--pretrained", paramLabel = "FILE", description = "Start every backbone (both of spndl-nn) from ResNet-18 weights in a .safetensors file with torchvision's names, e.g. ImageNet or face-recognition weights exported from PyTorch; fc.* is ignored.")
    Path pretrained;

    @Option(names = "--pretrained-partial", description = "Keep random weights for tensors the file lacks or holds in another shape (they are reported) instead of failing.")
    boolean pretrainedPartial;

    @Option(names = "--pretrained-prefix", defaultValue = "", description = "Prefix in front of the torchvision names in the file, e.g. 'module.' or 'backbone.'.")
    String pretrainedPrefix;

    @Option(names = "--beta1", split = ",", defaultValue = "0", description = "adversarial: reconstruction weight β1; 'ablation --model adversarial' takes a list, e.g. 0,0.1,1 (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1000)
    List<Double> beta1;

    @Option(names = "--beta2", defaultValue = "1", description = "adversarial: adversarial-loss weight β2 (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1000)
    double beta2;

    @Option(names = "--adversarial-mode", defaultValue = "confusion", description = "adversarial: confusion or reversal (default: ${DEFAULT-VALUE}).")
    String adversarialMode;

    @Option(names = "--reversal-lambda", defaultValue = "1", description = "adversarial: gradient reversal scale λ (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1000)
    double reversalLambda;

    @Option(names = "--adversary-steps", defaultValue = "1", description = "adversarial: adversary updates per encoder update (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 100)
    int adversarySteps;

    @Option(names = "--adversaries", defaultValue = "1", description = "adversarial: an ensemble of N adversaries, each with its own optimizer; the encoder fools their mean (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 16)
    int adversaries;

    @Option(names = "--adversary-reset", defaultValue = "0", paramLabel = "EPOCHS", description = "adversarial: every N epochs one adversary, in turn, is replaced by a freshly initialised one; 0 = never (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 10_000)
    int adversaryReset;

    @Option(names = "--adversary-arch", defaultValue = "mlp", description = "adversarial: the adversaries' form: linear, mlp (one hidden layer) or deep (two) (default: ${DEFAULT-VALUE}).")
    String adversaryArch;

    @Option(names = "--adversary-lr", defaultValue = "0", description = "adversarial: the adversaries' Adam learning rate; 0 = the run's --lr (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1)
    double adversaryLr;

    @Option(names = "--adversary-input", defaultValue = "standardised", description = "adversarial: z_n as the adversaries read it: standardised (per feature over the batch) or raw (default: ${DEFAULT-VALUE}).")
    String adversaryInput;

    @Option(names = "--identity-weight", defaultValue = "0", description = "adversarial: weight of the identity-keeping term on z_n (supervised contrastive over the batch's subjects; needs subject labels); 0 = off (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1000)
    double identityWeight;

    @Option(names = "--z-size", defaultValue = "128", description = "adversarial: size of z_e and of z_n (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 4096)
    int zSize;

    public ModelKind kind() {
        return ModelKind.parse(model);
    }

    public BackboneKind backboneKind() {
        return BackboneKind.parse(backbone);
    }

    public Preprocessing preprocessing() {
        if (backboneKind() == BackboneKind.FACE_RESNET) {
            // face-api's input: (rgb - (122.782, 117.001, 104.298)) / 255, i.e. mean/255 and std 1 after scaling to [0, 1].
            return grey ? new Preprocessing(imageSize, 1, cropMargin, new float[] {(122.782f + 117.001f + 104.298f) / 3 / 255}, new float[] {1})
                    : new Preprocessing(imageSize, 3, cropMargin, new float[] {122.782f / 255, 117.001f / 255, 104.298f / 255},
                    new float[] {1, 1, 1});
        }
        Preprocessing rgb = Preprocessing.rgb(imageSize);
        return grey ? new Preprocessing(imageSize, 1, cropMargin, new float[] {0.45f}, new float[] {0.225f})
                : new Preprocessing(imageSize, 3, cropMargin, rgb.mean(), rgb.std());
    }

    public ModelSpec spec(ModelKind kind, LabelSet labels) {
        return spec(kind, labels, Map.of());
    }

    /** The spec with {@code overrides} (an ablation row's settings) on top of the options given. */
    public ModelSpec spec(ModelKind kind, LabelSet labels, Map<String, String> overrides) {
        if (kind == ModelKind.ADVERSARIAL && beta1.size() != 1 && !overrides.containsKey(AdversarialConfig.BETA1)) {
            throw new IllegalArgumentException("--beta1 takes one value here, got " + beta1
                    + "; a list is for 'fer4j ablation --model adversarial --beta1 0,0.1,1'");
        }
        Map<String, String> options = new TreeMap<>(adversarialConfig().toOptions());
        BackboneKind bk = backboneKind();
        if (bk == BackboneKind.FACE_RESNET) {
            if (kind == ModelKind.ADVERSARIAL) {
                throw new IllegalArgumentException("--backbone face-resnet is for baseline, spndl and spndl-nn; the adversarial model is built on resnet18");
            }
            if (!FaceResNet.fits(imageSize)) {
                throw new IllegalArgumentException("--backbone face-resnet needs --image-size of at least " + FaceResNet.MIN_SIZE
                        + " (face-api's network uses " + FaceResNet.SIZE + "), got " + imageSize);
            }
            if (pretrained != null) {
                throw new IllegalArgumentException("--backbone face-resnet starts from the model store's "
                        + FaceRecognitionModel.ARTIFACT + " weights; --pretrained FILE is for --backbone resnet18");
            }
            options.put(BackboneKind.OPTION, bk.id());
            options.put(BackboneKind.OPTION + ".weights", FaceResNetWeights.origin());
            options.put(PretrainedWeights.FILE, faceResNetFile().toString());
            options.put(TwoBackboneNetwork.INIT_NOISE, Double.toString(nnInitNoise != null ? nnInitNoise : 0));
        }
        options.put(Initialisation.OPTION, Initialisation.parse(init).id());
        options.putIfAbsent(TwoBackboneNetwork.INIT_NOISE,
                Double.toString(nnInitNoise != null ? nnInitNoise : pretrained != null ? 0 : 0.05));
        if (pretrained != null) {
            options.put(PretrainedWeights.FILE, pretrained.toAbsolutePath().normalize().toString());
            options.put(PretrainedWeights.PARTIAL, Boolean.toString(pretrainedPartial));
            options.put(PretrainedWeights.PREFIX, pretrainedPrefix);
        } else if (pretrainedPartial || !pretrainedPrefix.isEmpty()) {
            throw new IllegalArgumentException("--pretrained-partial and --pretrained-prefix need --pretrained FILE.safetensors");
        }
        options.putAll(overrides);
        AdversarialConfig.of(new ModelSpec(kind, width, preprocessing(), labels, options)); // validates overrides
        return new ModelSpec(kind, width, preprocessing(), labels, options);
    }

    private Path faceResNetFile() {
        if (faceResNetFile == null) {
            try {
                faceResNetFile = FaceResNetWeights.trunkFile(ModelStore.defaultStore());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return faceResNetFile;
    }

    /** The adversarial model's settings these options give (at the first --beta1). */
    AdversarialConfig adversarialConfig() {
        AdversarialConfig.Adversaries a = new AdversarialConfig.Adversaries(adversaries, adversaryReset,
                AdversarialConfig.Architecture.parse(adversaryArch), adversaryLr,
                AdversarialConfig.standardisedInput(adversaryInput));
        return new AdversarialConfig(zSize, beta1.get(0), beta2, AdversarialConfig.Mode.parse(adversarialMode),
                reversalLambda, adversarySteps, a, identityWeight);
    }

    /** The β1 values an adversarial ablation sweeps. */
    public List<Double> beta1Values() {
        return List.copyOf(beta1);
    }

    public double beta2() {
        return beta2;
    }
}
