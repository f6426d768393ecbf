package org.fer4j.training;

import org.fer4j.models.Losses;
import org.fer4j.batches.PairedBatch;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fer4j.models.AdversarialConfig;
import org.fer4j.models.AdversarialNetwork;
import org.fer4j.models.FerModel;

/**
 * The adversarial game of [A] as one {@link TrainingStep}: the loop, self-paced learning, checkpoints
 * and resume stay the shared ones. With class-balance weights on the batch, the expression
 * cross-entropies (C_e's and the adversary's) are their weighted means.
 *
 * <p><b>Why two optimizers.</b> DJL's {@code Trainer} binds one optimizer to all of a model's parameters,
 * but the two players descend opposite objectives. fer4j therefore keeps two of its own
 * {@link AdamOptimizer}s over <em>disjoint</em> parameter sets: the adversary C_n ({@code adversary.*})
 * and the encoder side (encoder, both branches, C_e, decoder). Each is stepped only with the gradients
 * of its own objective, and both save their moments, so a resumed run continues exactly.
 *
 * <p><b>One batch.</b> The encoder runs once (so BatchNorm statistics move once per batch), then:
 * <ol>
 *   <li>the adversary takes {@code adversarySteps} updates of cross-entropy against the true label on
 *       the stopped-gradient z_n — its gradient cannot reach the encoder;</li>
 *   <li>the encoder side takes one update of L_cls + β1·L_rec + β2·L_adv, with the adversary's new
 *       weights. Confusion: L_adv is the cross-entropy between C_n(z_n) and the uniform distribution;
 *       the gradient this leaves on C_n is discarded. Reversal: L_adv is C_n's own cross-entropy read
 *       through a gradient reversal layer of scale β2·λ, so one backward pass gives C_n its descent
 *       direction and the encoder the negated, scaled one; here the last adversary update is this
 *       joint one.</li>
 * </ol>
 * L_rec (mean squared error of the decoder's image) is computed only when β1 &gt; 0, so with the paper's
 * β1 = 0 the decoder receives no gradient at all.
 *
 * <p><b>Stronger adversaries</b> (issue 17, {@link AdversarialConfig.Adversaries}): with an ensemble each
 * adversary has its own optimizer and learns its own cross-entropy, and the encoder fools their mean;
 * on a schedule one of them is replaced by a fresh one ({@link #onEpochStart}), so the encoder cannot
 * win by specialising against one reader. With an identity weight γ &gt; 0 the encoder side also
 * minimises γ·{@link Losses#subjectContrastive} on z_n over the batch's subjects.
 */
public final class AdversarialStep implements TrainingStep {
    static final String ADVERSARY_OPTIMIZER_FILE = "adversary-optimizer.bin";

    /** Temperature of the identity-keeping term's supervised contrastive loss (Khosla et al. 2020's value). */
    static final double IDENTITY_TEMPERATURE = 0.1;

    private final FerModel model;
    private final AdversarialNetwork network;
    private final AdversarialConfig adv;
    private final TrainConfig config;
    private final AdamOptimizer encoderAdam;
    private final AdamOptimizer[] adversaryAdams;
    private final Map<String, Parameter> encoderSide = new LinkedHashMap<>();
    private final List<Map<String, Parameter>> adversarySides = new ArrayList<>();
    private final Map<String, Parameter> allAdversaries = new LinkedHashMap<>();
    private final int[] subjectOf;
    private final ParameterStore ps;

    public AdversarialStep(FerModel model, TrainConfig config) {
        this(model, config, null);
    }

    /**
     * @param subjectOf each store index's subject number (-1 where unknown), for the identity-keeping
     *                  term; may be null when that term is off
     */
    public AdversarialStep(FerModel model, TrainConfig config, int[] subjectOf) {
        if (!(model.network() instanceof AdversarialNetwork net)) {
            throw new IllegalArgumentException("the adversarial step needs an adversarial model, got " + model.spec().kind());
        }
        this.model = model;
        this.network = net;
        this.adv = AdversarialConfig.of(model.spec());
        this.config = config;
        if (adv.identityWeight() > 0 && (subjectOf == null || Arrays.stream(subjectOf).allMatch(s -> s < 0))) {
            throw new IllegalArgumentException("--identity-weight needs subject labels, and this dataset has none");
        }
        this.subjectOf = subjectOf;
        this.encoderAdam = AdamOptimizer.of(config);
        this.adversaryAdams = new AdamOptimizer[net.adversaryCount()];
        for (int k = 0; k < adversaryAdams.length; k++) {
            adversaryAdams[k] = newAdversaryAdam();
            adversarySides.add(new LinkedHashMap<>());
        }
        model.namedParameters().forEach((name, p) -> {
            int k = AdversarialNetwork.adversaryOf(name);
            if (k < 0) {
                encoderSide.put(name, p);
            } else {
                adversarySides.get(k).put(name, p);
                allAdversaries.put(name, p);
            }
        });
        this.ps = new ParameterStore(model.manager(), false);
    }

    private AdamOptimizer newAdversaryAdam() {
        double lr = adv.adversaries().learningRate() > 0 ? adv.adversaries().learningRate() : config.learningRate();
        return new AdamOptimizer(lr, config.beta1(), config.beta2(), 1e-8);
    }

    @Override
    public StepResult train(NDManager sub, PairedBatch batch) {
        return play(sub, batch, adv.adversarySteps(), true);
    }

    /**
     * Replaces one adversary by a fresh one every {@code resetEvery} epochs, in turn (adversary
     * ((epoch / resetEvery) − 1) mod count): new weights drawn as {@code nn.Linear} draws them, running
     * statistics reset, a new optimizer. Fixed by the seed and the epoch, so a resumed run resets alike.
     */
    @Override
    public void onEpochStart(int epoch) {
        int every = adv.adversaries().resetEvery();
        if (every == 0 || epoch == 0 || epoch % every != 0) {
            return;
        }
        int k = (epoch / every - 1) % adversaryAdams.length;
        reinitialise(adversarySides.get(k), new SplittableRandom(TrainingLoop.mix(config.seed(), epoch, 7_000 + k)));
        adversaryAdams[k] = newAdversaryAdam();
    }

    /** {@code nn.Linear}'s default draw (weight and bias uniform in ±1/√fan_in); BatchNorm statistics back to 0 and 1. */
    static void reinitialise(Map<String, Parameter> params, SplittableRandom rng) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String name = e.getKey();
            NDArray w = e.getValue().getArray();
            Shape shape = w.getShape();
            if (name.endsWith(".weight") && shape.dimension() == 2) {
                double bound = 1 / Math.sqrt(shape.get(1));
                w.set(uniform(rng, shape.size(), bound));
                Parameter bias = params.get(name.substring(0, name.length() - "weight".length()) + "bias");
                if (bias != null) {
                    bias.getArray().set(uniform(rng, bias.getArray().size(), bound));
                }
            } else if (name.endsWith("running_mean") || name.endsWith("runningMean")) {
                w.set(new float[Math.toIntExact(shape.size())]);
            } else if (name.endsWith("running_var") || name.endsWith("runningVar")) {
                float[] ones = new float[Math.toIntExact(shape.size())];
                Arrays.fill(ones, 1f);
                w.set(ones);
            }
        }
    }

    private static float[] uniform(SplittableRandom rng, long n, double bound) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return v;
    }

    /**
     * One round of the game on {@code batch}: {@code adversaryUpdates} updates of C_n, then (if asked)
     * one update of the encoder side. Tests call it with one side only.
     */
    StepResult play(NDManager sub, PairedBatch batch, int adversaryUpdates, boolean encoderUpdate) {
        NDArray images = batch.toInputs(sub, false).get(0);
        NDArray labels = batch.labelArray(sub);
        NDArray weights = batch.weightArray(sub); // class-balance weights, or null
        Map<String, Double> losses = new LinkedHashMap<>();
        boolean joint = encoderUpdate && adv.mode() == AdversarialConfig.Mode.REVERSAL && adversaryUpdates > 0;
        // Weights are updated in place, which autograd forbids while recording: each backward runs in its
        // own collector, and the encoder's graph, recorded once, survives between them.
        NDList z;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            z = network.encode(ps, images, true);
        }
        NDArray zE = z.get(0);
        NDArray zN = z.get(1);
        NDArray zNFixed = zN.stopGradient();
        int count = network.adversaryCount();
        for (int i = 0; i < adversaryUpdates - (joint ? 1 : 0); i++) {
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // The sum gives each adversary the gradient of its own cross-entropy; the mean is logged.
                NDArray loss = adversaryLoss(zNFixed, labels, weights);
                value = loss.getFloat() / count;
                if (Double.isFinite(value)) {
                    gc.backward(loss);
                }
            }
            losses.put("adversary", value);
            if (!Double.isFinite(value)) {
                AdamOptimizer.zeroGradients(allAdversaries);
                losses.put("loss", value);
                return new StepResult(losses, 0);
            }
            stepAdversaries();
        }
        if (!encoderUpdate) {
            losses.put("loss", losses.getOrDefault("adversary", Double.NaN));
            return new StepResult(losses, 0);
        }
        double encoderObjective;
        int correct;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = network.classify(ps, zE, true);
            NDArray cls = Losses.batchMean(Losses.crossEntropyPerSample(logits, labels), weights);
            NDArray objective = cls;
            losses.put("cls", (double) cls.getFloat());
            if (adv.beta1() > 0) {
                NDArray rec = reconstructionLoss(network.reconstruct(ps, zE, zN, true), images);
                losses.put("rec", (double) rec.getFloat());
                objective = objective.add(Losses.scaled(rec, adv.beta1()));
            }
            if (adv.identityWeight() > 0) {
                NDArray identity = Losses.subjectContrastive(zN, subjects(batch), IDENTITY_TEMPERATURE);
                if (identity != null) {
                    losses.put("identity", (double) identity.getFloat());
                    objective = objective.add(Losses.scaled(identity, adv.identityWeight()));
                }
            }
            if (adv.mode() == AdversarialConfig.Mode.CONFUSION) {
                NDArray confusion = null;
                for (int k = 0; k < count; k++) {
                    NDArray c = Losses.crossEntropyToUniform(network.adversary(k, ps, zN, true));
                    confusion = confusion == null ? c : confusion.add(c);
                }
                confusion = Losses.scaled(confusion, 1.0 / count);
                losses.put("confusion", (double) confusion.getFloat());
                objective = objective.add(Losses.scaled(confusion, adv.beta2()));
                encoderObjective = objective.getFloat();
            } else {
                // The encoder sees −β2·λ·∇(mean of the adversaries' L_adv); each C_n sees +∇ of its own cross-entropy.
                NDArray reversed = reverseGradient(zN, adv.beta2() * adv.reversalLambda() / count);
                NDArray advSum = adversaryLoss(reversed, labels, weights);
                double advValue = advSum.getFloat() / count;
                losses.put("adversary", advValue);
                encoderObjective = objective.getFloat() - adv.beta2() * adv.reversalLambda() * advValue;
                objective = objective.add(advSum);
            }
            if (Double.isFinite(encoderObjective)) {
                gc.backward(objective);
            }
            correct = (int) logits.argMax(1).toType(labels.getDataType(), false).eq(labels).sum().getLong();
        }
        losses.put("loss", encoderObjective);
        if (!Double.isFinite(encoderObjective)) {
            AdamOptimizer.zeroGradients(model.namedParameters());
            return new StepResult(losses, correct);
        }
        if (joint) {
            stepAdversaries();
        } else {
            AdamOptimizer.zeroGradients(allAdversaries); // the confusion term's gradient on C_n is not C_n's objective
        }
        encoderAdam.step(encoderSide);
        return new StepResult(losses, correct);
    }

    /** Σ_k of adversary k's (weighted mean) cross-entropy against the true labels. */
    private NDArray adversaryLoss(NDArray zN, NDArray labels, NDArray weights) {
        NDArray sum = null;
        for (int k = 0; k < network.adversaryCount(); k++) {
            NDArray ce = Losses.batchMean(Losses.crossEntropyPerSample(network.adversary(k, ps, zN, true), labels), weights);
            sum = sum == null ? ce : sum.add(ce);
        }
        return sum;
    }

    private void stepAdversaries() {
        for (int k = 0; k < adversaryAdams.length; k++) {
            adversaryAdams[k].step(adversarySides.get(k));
        }
    }

    private int[] subjects(PairedBatch batch) {
        return Arrays.stream(batch.indices()).map(i -> subjectOf[i]).toArray();
    }

    /**
     * The loss terms on {@code batch} with the current weights, without any update (training-mode
     * BatchNorm, as the step sees them): {@code cls}, {@code adversary}, {@code confusion}, {@code rec}.
     */
    Map<String, Double> measure(NDManager sub, PairedBatch batch) {
        NDArray images = batch.toInputs(sub, false).get(0);
        NDArray labels = batch.labelArray(sub);
        NDList z = network.encode(ps, images, true);
        NDArray advLogits = network.adversary(ps, z.get(1), true);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cls", (double) Losses.crossEntropyPerSample(network.classify(ps, z.get(0), true), labels).mean().getFloat());
        m.put("adversary", (double) Losses.crossEntropyPerSample(advLogits, labels).mean().getFloat());
        m.put("confusion", (double) Losses.crossEntropyToUniform(advLogits).getFloat());
        m.put("rec", (double) reconstructionLoss(network.reconstruct(ps, z.get(0), z.get(1), true), images).getFloat());
        return m;
    }

    /** L_rec: mean squared error between the decoder's image and the (normalised) input. */
    static NDArray reconstructionLoss(NDArray reconstruction, NDArray images) {
        return reconstruction.sub(images).square().mean();
    }

    /**
     * Gradient reversal: the identity going forward, the gradient multiplied by {@code −scale} going
     * back. Built from {@code stopGradient} (DJL has no custom autograd functions):
     * {@code x̄ + (−scale)·(x − x̄)} with x̄ = x without gradient has the value x̄ exactly and d/dx = −scale.
     */
    public static NDArray reverseGradient(NDArray x, double scale) {
        NDArray fixed = x.stopGradient();
        return fixed.add(Losses.scaled(x.sub(fixed), -scale));
    }

    @Override
    public void saveState(Path dir) throws IOException {
        save(encoderAdam, dir.resolve(ClassificationStep.OPTIMIZER_FILE));
        for (int k = 0; k < adversaryAdams.length; k++) {
            save(adversaryAdams[k], dir.resolve(adversaryOptimizerFile(k)));
        }
    }

    @Override
    public void loadState(Path dir) throws IOException {
        load(encoderAdam, dir.resolve(ClassificationStep.OPTIMIZER_FILE));
        for (int k = 0; k < adversaryAdams.length; k++) {
            load(adversaryAdams[k], dir.resolve(adversaryOptimizerFile(k)));
        }
    }

    /** The first adversary's optimizer keeps the file name of single-adversary runs. */
    static String adversaryOptimizerFile(int k) {
        return k == 0 ? ADVERSARY_OPTIMIZER_FILE : "adversary-optimizer-" + k + ".bin";
    }

    private void save(AdamOptimizer adam, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             NDManager tmp = model.manager().newSubManager()) {
            adam.save(out, tmp);
        }
    }

    private void load(AdamOptimizer adam, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": optimizer state missing; the checkpoint was not written by an adversarial run");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            adam.load(in, model.manager());
        }
    }
}
