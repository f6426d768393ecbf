package org.fer4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fer4j.models.FerModel;
import org.fer4j.onnx.export.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fer4j export}: a trained model as an ONNX file that ONNX Runtime serves without fer4j or libtorch. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a trained model as ONNX (BatchNorm folded, dynamic batch, preprocessing and labels in its metadata).")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model folder written by train (RUN/fold-0/model).")
    Path model;

    @Option(names = "--format", defaultValue = "onnx", description = "Export format; onnx is the only one (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, description = "The file to write, e.g. model.onnx (written atomically).")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("onnx")) {
            throw new IllegalArgumentException("unknown --format '" + format + "'; fer4j exports onnx");
        }
        if (Files.exists(out) && !force && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": already exists; pass --force to replace it");
        }
        try (FerModel m = FerModel.load(model)) {
            OnnxExport.write(m, out, force, Versions.fer4j());
            spec.commandLine().getOut().printf(Locale.ROOT, "written %s (%s, inputs %s, %.1f MB, ONNX opset %d)%n", out,
                    m.spec().kind(), m.needsNeutral() ? "target, neutral" : "target", Files.size(out) / 1e6, OnnxExport.OPSET);
        }
        return 0;
    }
}
