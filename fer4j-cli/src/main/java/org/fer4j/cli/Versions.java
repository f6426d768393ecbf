package org.fer4j.cli;

import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * fer4j, DJL, PyTorch and Java versions, and oneDNN's instruction-set cap (kernels round differently under it):
 * printed by {@code --version} and saved in every run's provenance.
 */
public final class Versions {
    private Versions() {
    }

    public static String fer4j() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fer4j", fer4j());
        m.put("djl", Engine.getDjlVersion());
        try {
            m.put("pytorch", Engine.getInstance().getVersion());
        } catch (RuntimeException e) {
            m.put("pytorch", "unavailable (" + e.getMessage() + ")");
        }
        String cap = org.fer4j.training.ConvolutionGradientCheck.isaCap();
        m.put("onednn_isa", cap == null ? "all" : cap);
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return m;
    }

    /** picocli version provider. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return all().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
        }
    }
}
