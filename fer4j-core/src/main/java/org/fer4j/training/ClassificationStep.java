package org.fer4j.training;

import org.fer4j.models.Losses;
import org.fer4j.batches.PairedBatch;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
import java.util.Map;
import org.fer4j.models.FerModel;

/**
 * Softmax cross-entropy on the logits (baseline, SPNDL, SPNDL without neutral), optimised with Adam;
 * weighted per class when the batch carries weights.
 */
public final class ClassificationStep implements TrainingStep {
    static final String OPTIMIZER_FILE = "optimizer.bin";
    private final FerModel model;
    private final AdamOptimizer adam;
    private final ParameterStore ps;
    /** Named once: naming walks the whole block tree, which the step loop should not repeat. */
    private final Map<String, Parameter> parameters;

    public ClassificationStep(FerModel model, TrainConfig config) {
        this.model = model;
        this.adam = AdamOptimizer.of(config);
        this.ps = new ParameterStore(model.manager(), false);
        this.parameters = model.namedParameters();
    }

    @Override
    public StepResult train(NDManager sub, PairedBatch batch) {
        NDList inputs = batch.toInputs(sub, model.needsNeutral());
        NDArray labels = batch.labelArray(sub);
        double lossValue;
        int correct;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.forward(ps, inputs, true).get(0);
            NDArray loss = Losses.batchMean(Losses.crossEntropyPerSample(logits, labels), batch.weightArray(sub));
            gc.backward(loss);
            lossValue = loss.getFloat();
            correct = (int) logits.argMax(1).toType(labels.getDataType(), false).eq(labels).sum().getLong();
        }
        if (!Double.isFinite(lossValue)) {
            AdamOptimizer.zeroGradients(parameters);
            return new StepResult(Map.of("loss", lossValue), correct);
        }
        adam.step(parameters);
        return new StepResult(Map.of("loss", lossValue), correct);
    }

    @Override
    public void saveState(Path dir) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(OPTIMIZER_FILE)));
             NDManager tmp = model.manager().newSubManager()) {
            adam.save(out, tmp);
        }
    }

    @Override
    public void loadState(Path dir) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(OPTIMIZER_FILE)))) {
            adam.load(in, model.manager());
        }
    }
}
