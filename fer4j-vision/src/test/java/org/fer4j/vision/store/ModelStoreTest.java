package org.fer4j.vision.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store and its installer on a tiny made-up package: no network beyond a local server. */
class ModelStoreTest {
    static final byte[] WEIGHTS = "weights v1".getBytes(StandardCharsets.UTF_8);
    static final byte[] MANIFEST = "[]".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    static ModelArtifact artifact() {
        return new ModelArtifact("tiny", "@fer4j/tiny", "1.0.0", "MIT", "test", "",
                List.of(new ModelArtifact.File("package/model/w.bin", ModelStore.sha256(WEIGHTS), WEIGHTS.length),
                        new ModelArtifact.File("package/model/m.json", ModelStore.sha256(MANIFEST), MANIFEST.length)));
    }

    static Map<String, byte[]> entries(byte[] weights) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        m.put("package/model/w.bin", weights);
        m.put("package/model/m.json", MANIFEST);
        return m;
    }

    @Test
    void missingModelNamesTheInstallCommandAndNeverDownloads() {
        ModelStore store = new ModelStore(tmp.resolve("store"));
        assertThatThrownBy(() -> store.require(artifact()))
                .isInstanceOf(ModelNotInstalledException.class)
                .hasMessageContaining("fer4j models install tiny")
                .hasMessageContaining("w.bin")
                .hasMessageContaining("@fer4j/tiny@1.0.0");
        assertThat(Files.exists(tmp.resolve("store"))).isFalse();
    }

    @Test
    void installsFromATarballAndVerifies() throws IOException {
        ModelStore store = new ModelStore(tmp.resolve("store"));
        Path tgz = Tarballs.write(tmp.resolve("tiny.tgz"), entries(WEIGHTS));
        new ModelInstaller(store, URI.create("http://unused/"), null).installFromTarball(artifact(), tgz);
        Path dir = store.require(artifact());
        assertThat(Files.readAllBytes(dir.resolve("w.bin"))).isEqualTo(WEIGHTS);
        assertThat(leftovers(store)).isEmpty();
    }

    @Test
    void corruptStoredFileNamesFileAndBothHashes() throws IOException {
        ModelStore store = new ModelStore(tmp.resolve("store"));
        new ModelInstaller(store, URI.create("http://unused/"), null)
                .installFromTarball(artifact(), Tarballs.write(tmp.resolve("t.tgz"), entries(WEIGHTS)));
        Path w = store.dir(artifact()).resolve("w.bin");
        Files.write(w, "weights v2".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.require(artifact()))
                .isInstanceOf(ModelCorruptException.class)
                .hasMessageContaining(w.toString())
                .hasMessageContaining("expected " + ModelStore.sha256(WEIGHTS))
                .hasMessageContaining("actual " + ModelStore.sha256(Files.readAllBytes(w)))
                .hasMessageContaining("fer4j models install tiny");
    }

    @Test
    void mismatchedTarballIsRefusedAndTheOldFileKept() throws IOException {
        ModelStore store = new ModelStore(tmp.resolve("store"));
        ModelInstaller inst = new ModelInstaller(store, URI.create("http://unused/"), null);
        inst.installFromTarball(artifact(), Tarballs.write(tmp.resolve("good.tgz"), entries(WEIGHTS)));
        Path bad = Tarballs.write(tmp.resolve("bad.tgz"), entries("tampered!!".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> inst.installFromTarball(artifact(), bad))
                .isInstanceOf(ModelCorruptException.class)
                .hasMessageContaining("package/model/w.bin")
                .hasMessageContaining("expected " + ModelStore.sha256(WEIGHTS));
        assertThat(Files.readAllBytes(store.dir(artifact()).resolve("w.bin"))).isEqualTo(WEIGHTS);
        assertThat(leftovers(store)).isEmpty();
    }

    @Test
    void truncatedOrIncompleteTarballsInstallNothing() throws IOException {
        ModelStore store = new ModelStore(tmp.resolve("store"));
        ModelInstaller inst = new ModelInstaller(store, URI.create("http://unused/"), null);
        byte[] whole = Tarballs.bytes(entries(WEIGHTS));
        Path cut = tmp.resolve("cut.tgz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> inst.installFromTarball(artifact(), cut)).isInstanceOf(IOException.class)
                .hasMessageContaining(cut.toString());
        Map<String, byte[]> partial = entries(WEIGHTS);
        partial.remove("package/model/m.json");
        Path lacking = Tarballs.write(tmp.resolve("lacking.tgz"), partial);
        assertThatThrownBy(() -> inst.installFromTarball(artifact(), lacking)).isInstanceOf(IOException.class)
                .hasMessageContaining("lacks package/model/m.json");
        assertThat(Files.exists(store.dir(artifact()))).isFalse();
        assertThat(leftovers(store)).isEmpty();
    }

    @Test
    void installsFromARegistryCheckingNpmsIntegrity() throws Exception {
        byte[] tgz = Tarballs.bytes(entries(WEIGHTS));
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(tgz));
        List<String> paths = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        server.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getRawPath());
            byte[] body = ex.getRequestURI().getRawPath().endsWith(".tgz") ? tgz
                    : ("{\"dist\":{\"tarball\":\"" + base + "tiny-1.0.0.tgz\",\"integrity\":\"" + integrity + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            ModelStore store = new ModelStore(tmp.resolve("store"));
            List<String> log = new ArrayList<>();
            ModelInstaller inst = new ModelInstaller(store, URI.create(base), log::add);
            ModelInstaller.Result r = inst.install(artifact());
            assertThat(r.alreadyInstalled()).isFalse();
            assertThat(paths).containsExactly("/@fer4j%2Ftiny/1.0.0", "/tiny-1.0.0.tgz");
            assertThat(store.isInstalled(artifact())).isTrue();
            assertThat(inst.install(artifact()).alreadyInstalled()).isTrue();
            assertThat(paths).hasSize(2);
            assertThat(log).anyMatch(l -> l.startsWith("fetching @fer4j/tiny@1.0.0"));
            assertThat(leftovers(store)).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unreachableRegistryIsAClearErrorAndWritesNothing() {
        ModelStore store = new ModelStore(tmp.resolve("store"));
        ModelInstaller inst = new ModelInstaller(store, URI.create("http://127.0.0.1:9/"), null);
        assertThatThrownBy(() -> inst.install(artifact())).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach").hasMessageContaining(ModelInstaller.REGISTRY_ENV);
        assertThat(Files.exists(store.dir(artifact()))).isFalse();
    }

    @Test
    void builtInCatalogPinsExactVersionsAndHashes() {
        ModelCatalog c = ModelCatalog.builtIn();
        assertThat(c.names()).contains("faceapi-expression");
        for (ModelArtifact a : c.all()) {
            assertThat(a.files()).allSatisfy(f -> assertThat(f.sha256()).hasSize(64));
            assertThat(a.licence()).isNotBlank();
        }
        assertThatThrownBy(() -> c.get("nope")).hasMessageContaining("faceapi-expression");
        assertThatThrownBy(() -> new ModelArtifact("x", "p", "^1.0.0", "MIT", "", "", List.of()))
                .hasMessageContaining("exact version");
    }

    private static List<Path> leftovers(ModelStore store) throws IOException {
        if (!Files.isDirectory(store.root())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(store.root())) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
