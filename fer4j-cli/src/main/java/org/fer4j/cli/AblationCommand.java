package org.fer4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fer4j.experiments.Variant;
import org.fer4j.models.ModelKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fer4j ablation}: the SPNDL paper's Table 4 (baseline, SPL only, NDF only, NDF + SPL, and the
 * variant without a neutral image) on the same subject-disjoint folds and seeds; with
 * {@code --model adversarial}, [A]'s ablation over β1 (plus the baseline and β2 = 0), with the
 * disentanglement probes beside accuracy.
 */
@Command(name = "ablation", mixinStandardHelpOptions = true,
        description = {"Run the paper's ablation on the same folds and print Table 4 (mean ± std accuracy).",
                "With --model adversarial --beta1 0,0.1,1: baseline, adversarial without its adversarial loss (β2 = 0),"
                        + " and one row per β1, each with the disentanglement probe scores."})
public final class AblationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DataOptions data;
    @Mixin
    ModelOptions model;
    @Mixin
    TrainOptions train;

    @Option(names = "--folds", defaultValue = "5", description = "Subject folds (default: ${DEFAULT-VALUE}).")
    @Range(min = 2, max = 10_000, also = 0, why = "0: leave one subject out")
    int folds;

    @Option(names = "--max-folds", defaultValue = "0", description = "Run only the first N folds (0 = all).")
    @Range(min = 0, max = 10_000)
    int maxFolds;

    @Option(names = "--variants", split = ",", description = "Subset of rows by name: baseline, spl, ndf, spndl, nn (default: all).")
    List<String> variants;

    @Option(names = "--adversary-variants", split = ",", paramLabel = "NAME[+NAME]", description = "With --model adversarial: one more row per"
            + " stronger-adversary variant: linear, deep, raw, ensemble (4 adversaries, one replaced every 2 epochs),"
            + " steps5, reversal, identity (identity-keeping term, weight 1); identity, steps, lr and ensemble also take a value"
            + " (identity=0.1, steps=3, lr=0.01, ensemble=8); '+' combines, e.g. raw+identity=0.1.")
    List<String> adversaryVariants;

    @Option(names = "--out", description = "Run folder (default: runs/<time>-ablation-ablation).")
    Path out;

    @Option(names = "--resume", description = "Continue the ablation in --out after an interruption: finished folds are"
            + " read back from their last checkpoint, the interrupted one continues from its last completed epoch.")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--inlp", description = "Also probe z_n after INLP (iterative nullspace projection, fitted on the"
            + " training part) has linearly removed the expression: the non-adversarial reference, with its cost to"
            + " identity and reconstruction (adversarial rows only).")
    boolean inlp;

    @Option(names = "--against", description = "The row every other row is compared with (paired difference, 95 %% CI,"
            + " p): baseline, spl, ndf, spndl or nn (default: the first row).")
    String against;

    @Override
    public Integer call() throws Exception {
        Experiment e = new Experiment("ablation", data, model, train, spec.commandLine().getOut(), spec.commandLine().getErr());
        boolean adversarial = model.kind() == ModelKind.ADVERSARIAL;
        if (!adversarial && adversaryVariants != null && !adversaryVariants.isEmpty()) {
            throw new IllegalArgumentException("--adversary-variants adds rows to the adversarial ablation; use it with --model adversarial");
        }
        List<Variant> rows = adversarial ? Variant.adversarialAblation(model.beta1Values(), model.beta2(), train.spl,
                adversaryVariants == null ? List.of() : adversaryVariants) : Variant.spndlAblation();
        if (variants != null && !variants.isEmpty()) {
            if (adversarial) {
                throw new IllegalArgumentException("--variants chooses rows of the SPNDL ablation; the adversarial"
                        + " ablation's rows are chosen by --beta1 (and --beta2)");
            }
            List<String> keys = List.of("baseline", "spl", "ndf", "spndl", "nn");
            for (String v : variants) {
                if (!keys.contains(v)) {
                    throw new IllegalArgumentException("unknown ablation row '" + v + "'; use " + keys);
                }
            }
            rows = rows.stream().filter(r -> variants.contains(keys.get(Variant.spndlAblation().indexOf(r)))).toList();
        }
        if (against != null) {
            List<String> keys = List.of("baseline", "spl", "ndf", "spndl", "nn");
            int k = keys.indexOf(against);
            if (adversarial || k < 0 || !rows.contains(Variant.spndlAblation().get(k))) {
                throw new IllegalArgumentException("--against " + against + " is not a row of this ablation; rows: "
                        + rows.stream().map(Variant::name).toList());
            }
            e.against(Variant.spndlAblation().get(k).name());
        }
        Experiment.Outcomes o = e.inlp(inlp).run(rows, folds, maxFolds, out, resume, !noProgress, adversarial);
        e.printTable(o);
        spec.commandLine().getOut().printf("wall time %.0f s; run folder %s%n", o.seconds(), o.runDir().toAbsolutePath());
        return 0;
    }
}
