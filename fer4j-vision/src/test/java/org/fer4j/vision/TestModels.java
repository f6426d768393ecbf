package org.fer4j.vision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelStore;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The model store tests read: the user's store ({@code $FER4J_MODELS} or {@code ~/.cache/fer4j/models}),
 * filled by the project's own {@code scripts/install-models.sh} when a model is absent. When that fails
 * (no npm, no network) a test fails under CI ({@code $CI} set) and is skipped with the reason elsewhere.
 */
public final class TestModels {
    private TestModels() {
    }

    /** The store, with {@code name} installed and verified. */
    public static ModelStore require(String name) {
        ModelStore store = ModelStore.defaultStore();
        var artifact = ModelCatalog.builtIn().get(name);
        if (store.isInstalled(artifact)) {
            return store;
        }
        String why = install(store, name);
        if (why == null && store.isInstalled(artifact)) {
            return store;
        }
        String msg = "model " + name + " is not in " + store.root() + " and scripts/install-models.sh " + name
                + " could not install it: " + (why == null ? "files still missing after it ran" : why);
        if (System.getenv("CI") != null) {
            Assertions.fail(msg);
        }
        Assumptions.abort(msg);
        return store;
    }

    private static String install(ModelStore store, String name) {
        Path script = repoRoot().resolve("scripts/install-models.sh");
        if (!Files.isExecutable(script)) {
            return script + " is missing";
        }
        List<String> cmd = new ArrayList<>(List.of(script.toString(), name));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put(ModelStore.ENV, store.root().toString());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "it ran for more than 5 minutes";
            }
            return p.exitValue() == 0 ? null
                    : "exit " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The reactor's root ({@code -Dfer4j.root}, set by surefire, else the first parent holding scripts/). */
    public static Path repoRoot() {
        String root = System.getProperty("fer4j.root");
        if (root != null && Files.isDirectory(Path.of(root, "scripts"))) {
            return Path.of(root);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("scripts"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
