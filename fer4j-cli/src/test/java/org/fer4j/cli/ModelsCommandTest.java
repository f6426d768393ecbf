package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.vision.store.ModelCatalog;
import org.fer4j.vision.store.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer4j models list|verify|path|install} on an empty or damaged store, without the network. */
class ModelsCommandTest {
    @TempDir
    Path dir;

    @Test
    void listShowsEveryPinnedModelWithItsLicenceAndState() {
        CliTest.Run r = CliTest.run("models", "list", "--store", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("store: " + dir.toAbsolutePath().normalize())
                .containsPattern("faceapi-expression\\s+absent\\s+MIT\\s+@vladmandic/face-api@1.7.15")
                .doesNotContain("derived");
    }

    @Test
    void listNamesTheFilesConvertedFromInstalledModels() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("derived"));
        java.nio.file.Files.write(dir.resolve("derived/face-resnet-0123456789ab.safetensors"), new byte[2_500_000]);
        java.nio.file.Files.write(dir.resolve("derived/half-written.safetensors.tmp"), new byte[10]);
        CliTest.Run r = CliTest.run("models", "list", "--store", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("derived (converted by fer4j")
                .containsPattern("face-resnet-0123456789ab.safetensors\\s+2.5 MB").doesNotContain("half-written");
    }

    @Test
    void absentModelExitsTwoNamingTheInstallCommand() {
        CliTest.Run path = CliTest.run("models", "path", "faceapi-expression", "--store", dir.toString());
        assertThat(path.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(path.err()).contains("fer4j models install faceapi-expression")
                .contains("face_expression_model.bin");
        CliTest.Run verify = CliTest.run("models", "verify", "faceapi-expression", "--store", dir.toString());
        assertThat(verify.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(verify.out()).contains("MISSING").contains("face_expression_model.bin");
        assertThat(CliTest.run("models", "verify", "--store", dir.toString()).out()).contains("no model installed");
    }

    @Test
    void corruptFileIsReportedWithBothHashes() throws Exception {
        var a = ModelCatalog.builtIn().get("faceapi-expression");
        Path license = dir.resolve("faceapi-expression/LICENSE");
        Files.createDirectories(license.getParent());
        Files.writeString(license, "not the licence");
        CliTest.Run r = CliTest.run("models", "verify", "--store", dir.toString());
        assertThat(r.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(r.out()).contains("CORRUPT  " + license).contains("expected " + a.file("LICENSE").sha256())
                .contains("actual " + ModelStore.sha256(license));
        CliTest.Run path = CliTest.run("models", "path", "faceapi-expression", "--store", dir.toString());
        assertThat(path.code()).isEqualTo(Fer4j.BAD_INPUT);
    }

    @Test
    void installRefusesADamagedTarballAndKeepsTheStoreClean() throws Exception {
        Path tgz = dir.resolve("bad.tgz");
        Files.write(tgz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        Path store = dir.resolve("store");
        CliTest.Run r = CliTest.run("models", "install", "faceapi-expression", "--tarball", tgz.toString(), "--store", store.toString());
        assertThat(r.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(r.err()).contains("damaged or truncated").contains(tgz.toString());
        try (var s = Files.list(store)) {
            assertThat(s.toList()).isEmpty();
        }
        CliTest.Run unknown = CliTest.run("models", "install", "nope", "--store", store.toString());
        assertThat(unknown.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown model 'nope'").contains("faceapi-expression");
    }
}
