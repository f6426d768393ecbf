package org.fer4j.vision.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The local folder of installed pretrained models ({@code ~/.cache/fer4j/models}, {@code $FER4J_MODELS}):
 * one sub-folder per artefact holding its files under their own names. Reading it never touches the
 * network: a missing model is a {@link ModelNotInstalledException} naming the install command, a file
 * whose sha-256 differs from the pinned one a {@link ModelCorruptException}. {@link ModelInstaller} is
 * the only writer.
 */
public final class ModelStore {
    /** Environment variable overriding the store's root. */
    public static final String ENV = "FER4J_MODELS";
    /** System property overriding both (for an embedding application or a test). */
    public static final String PROPERTY = "fer4j.models";
    private final Path root;

    public ModelStore(Path root) {
        if (root == null) {
            throw new IllegalArgumentException("model store needs a root folder");
        }
        this.root = root.toAbsolutePath().normalize();
    }

    /** The store at {@code -Dfer4j.models}, else {@code $FER4J_MODELS}, else {@code ~/.cache/fer4j/models}. */
    public static ModelStore defaultStore() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new ModelStore(Path.of(prop));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new ModelStore(Path.of(env));
        }
        return new ModelStore(Path.of(System.getProperty("user.home"), ".cache", "fer4j", "models"));
    }

    public Path root() {
        return root;
    }

    /** The folder an artefact is installed into. */
    public Path dir(ModelArtifact artifact) {
        return root.resolve(artifact.name());
    }

    /** State of one stored file. */
    public enum State { OK, MISSING, CORRUPT }

    /** What the store holds of one file: its state and, when present, its sha-256. */
    public record FileStatus(ModelArtifact.File file, Path path, State state, String actualSha256) {
    }

    /** Checks every file of an artefact (hashing each one present). */
    public List<FileStatus> status(ModelArtifact artifact) {
        List<FileStatus> out = new ArrayList<>();
        for (ModelArtifact.File f : artifact.files()) {
            Path p = dir(artifact).resolve(f.fileName());
            if (!Files.isRegularFile(p)) {
                out.add(new FileStatus(f, p, State.MISSING, null));
                continue;
            }
            String sha = sha256(p);
            out.add(new FileStatus(f, p, sha.equals(f.sha256()) ? State.OK : State.CORRUPT, sha));
        }
        return out;
    }

    /** True when every file is present and verified. */
    public boolean isInstalled(ModelArtifact artifact) {
        return status(artifact).stream().allMatch(s -> s.state() == State.OK);
    }

    /**
     * The artefact's folder after verifying every file, for a network to load from; never downloads.
     *
     * @throws ModelNotInstalledException when a file is absent
     * @throws ModelCorruptException      when a file's sha-256 is not the pinned one
     */
    public Path require(ModelArtifact artifact) {
        List<FileStatus> st = status(artifact);
        List<String> missing = st.stream().filter(s -> s.state() == State.MISSING).map(s -> s.file().fileName()).toList();
        if (!missing.isEmpty()) {
            throw new ModelNotInstalledException(artifact, dir(artifact), missing);
        }
        for (FileStatus s : st) {
            if (s.state() == State.CORRUPT) {
                throw new ModelCorruptException("model file", s.path(), s.file().sha256(), s.actualSha256(),
                        "Reinstall it with: " + artifact.installCommand());
            }
        }
        return dir(artifact);
    }

    /** Lower-case hex sha-256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex sha-256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
