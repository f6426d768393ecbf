package org.fer4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.fer4j.data.Dataset;
import org.fer4j.data.FaceStore;
import org.fer4j.data.Split;
import org.fer4j.evaluation.EvaluationResult;
import org.fer4j.evaluation.Predictions;
import org.fer4j.inference.BatchClassifier;
import org.fer4j.runs.RunLog;
import org.fer4j.vision.faceapi.FaceApiEvaluation;
import org.fer4j.vision.faceapi.FaceExpressionModel;
import org.fer4j.vision.store.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fer4j evaluate}: accuracy, per-class recall, macro-F1 and confusion matrix of a saved model on a dataset. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained model on a dataset; prints a table and writes JSON.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--model", required = true, description = "Model folder written by train (RUN/fold-0/model), or "
            + "faceapi-expression (the pretrained face-api network from the model store; scores the classes it shares with the dataset).")
    Path model;

    @Option(names = "--split", defaultValue = "auto", description = "test, train, validation, all, or auto (the official test split when the dataset has one, else all) (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--json", description = "Also write the result to this JSON file.")
    Path json;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (model.toString().equals(FaceExpressionModel.ARTIFACT) && !Files.exists(model)) {
            return evaluateFaceApi(out);
        }
        try (EngineModel em = EngineModel.open(engine.engine, model)) {
            BatchClassifier m = em.classifier();
            Dataset ds = data.list(42, spec.commandLine().getErr());
            ds = selectSplit(ds);
            ds = DataOptions.requireNeutralIfPaired(ds, m.needsNeutral(), data.strict, spec.commandLine().getErr());
            if (!ds.labels().equals(m.labels())) {
                throw new IllegalArgumentException("model predicts " + m.labels().names() + " but dataset "
                        + ds.name() + (data.root != null ? " (" + data.root + ")" : "") + " is labelled " + ds.labels().names() + "; evaluate on a dataset with the same classes");
            }
            ds.requireTrainable();
            try (FaceStore store = data.cache.stores().open(ds, m.preprocessing(), data.strict, spec.commandLine().getErr())) {
                DataOptions.reportSkipped(store.skipped(), spec.commandLine().getErr());
                Predictions p = Predictions.of(m, store, IntStream.range(0, store.size()).toArray(), 64);
                EvaluationResult r = p.evaluate(store.labels().names());
                out.println(ds.name() + " (" + store.size() + " samples), model " + m.kindName());
                out.print(r.toTable());
                if (json != null) {
                    new RunLog(json.toAbsolutePath().getParent()).writeJson(json, r);
                    out.println("written " + json);
                }
            }
        }
        return 0;
    }

    private int evaluateFaceApi(PrintWriter out) throws Exception {
        Dataset ds = selectSplit(data.list(42, spec.commandLine().getErr()));
        try (FaceExpressionModel m = FaceExpressionModel.load(ModelStore.defaultStore())) {
            FaceApiEvaluation.Result r = FaceApiEvaluation.evaluate(m, ds, 32);
            r.leftOut().forEach(s -> spec.commandLine().getErr().println("fer4j: not scored: " + s));
            if (r.metrics().samples() == 0) {
                throw new IllegalArgumentException("no sample of " + ds.name() + " could be scored by " + FaceExpressionModel.ARTIFACT);
            }
            out.println(ds.name() + " (" + r.metrics().samples() + " samples scored, " + r.leftOut().size()
                    + " left out), model " + FaceExpressionModel.ARTIFACT + " (pretrained, classes " + r.classes() + ")");
            out.print(r.metrics().toTable());
            if (json != null) {
                new RunLog(json.toAbsolutePath().getParent()).writeJson(json, r.metrics());
                out.println("written " + json);
            }
        }
        return 0;
    }

    private Dataset selectSplit(Dataset ds) {
        Dataset part = selectSplitOf(ds);
        if (part.samples().isEmpty() && !ds.samples().isEmpty()) {
            java.util.Map<Split, Long> bySplit = new java.util.TreeMap<>();
            ds.samples().forEach(s -> bySplit.merge(s.split(), 1L, Long::sum));
            throw new IllegalArgumentException("--split " + split + ": none of the " + ds.size() + " samples of "
                    + (data.root != null ? data.root : ds.name()) + " is in that part (they are " + bySplit
                    + "); use --split all, or give the manifest a 'split' column");
        }
        return part;
    }

    private Dataset selectSplitOf(Dataset ds) {
        return switch (split) {
            case "all" -> ds;
            case "test" -> ds.split(Split.TEST);
            case "train" -> ds.split(Split.TRAIN);
            case "validation" -> ds.split(Split.VALIDATION);
            case "auto" -> ds.samples().stream().anyMatch(s -> s.split() == Split.TEST) ? ds.split(Split.TEST) : ds;
            default -> throw new IllegalArgumentException("unknown --split '" + split + "'; use test, train, validation, all or auto");
        };
    }
}
