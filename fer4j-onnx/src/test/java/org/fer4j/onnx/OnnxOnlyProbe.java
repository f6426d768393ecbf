package org.fer4j.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.ImageRef;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Prediction;
import org.fer4j.inference.Predictor;
import org.fer4j.onnx.runtime.OnnxClassifier;

/**
 * Run in its own JVM by {@link OnnxRuntimeTest}: predicts one image through ONNX Runtime only, then
 * prints the label and which native libraries this process has mapped (from /proc/self/maps), so the
 * test can see that libtorch was never loaded.
 */
public final class OnnxOnlyProbe {
    private OnnxOnlyProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (OnnxClassifier onnx = OnnxClassifier.open(Path.of(args[0]))) {
            Prediction p = new Predictor(onnx).predict(List.of(new FaceInput("face", ImageRef.of(Path.of(args[1])),
                    args.length > 2 ? ImageRef.of(Path.of(args[2])) : null, null))).get(0);
            String maps = Files.readString(Path.of("/proc/self/maps"));
            System.out.println("label=" + p.label());
            System.out.println("libtorch=" + maps.contains("libtorch"));
            System.out.println("onnxruntime=" + maps.contains("libonnxruntime"));
        }
    }
}
