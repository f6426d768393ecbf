package org.fer4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.fer4j.models.ModelKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken requests, each answered with the right status and a JSON {@code error}/{@code detail}
 * (never a stack trace), and the server still answers a good request afterwards.
 */
class BadInputTest {
    static final long LIMIT = 1 << 20;
    static Path tmp;
    static ServedModel baseline;
    static ServedModel spndl;
    static FerServer server;
    static Http http;
    static byte[] group;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("fer4j-serve-bad");
        baseline = ServedModel.load(ServeFixtures.model(tmp.resolve("baseline/model"), ModelKind.BASELINE, 1));
        spndl = ServedModel.load(ServeFixtures.model(tmp.resolve("spndl/model"), ModelKind.SPNDL, 2));
        server = FerServer.start(baseline, spndl, ServeOptions.builder().optPort(0).optRateLimit(0, 1)
                .optMaxBodyBytes(LIMIT).optMaxPixels(1_000_000).optIdleTimeoutMs(1000).optDetectors(1).build());
        http = new Http(server.url());
        group = ServeFixtures.encode(ServeFixtures.group(), "png");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        baseline.close();
        spndl.close();
    }

    @AfterEach
    void stillServing() {
        Http.Answer ok = http.raw("/v1/predict", "image/png", group);
        assertThat(ok.status()).as("a good request after the bad one: " + ok.text()).isEqualTo(200);
        assertThat(ok.json().get("faces")).hasSize(2);
    }

    /** The status and the JSON error code; the detail is checked to be a sentence, not a trace. */
    static JsonNode refused(Http.Answer a, int status, String error) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.type()).startsWith("application/json");
        JsonNode j = a.json();
        assertThat(j.get("error").asText()).isEqualTo(error);
        assertThat(j.get("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        return j;
    }

    @Test
    void emptyBody() {
        refused(http.raw("/v1/predict", "image/png", new byte[0]), 400, "empty_body");
        refused(http.multipart("/v1/predict", "image", new byte[0]), 400, "empty_image");
        refused(http.multipart("/v1/predict", "other", group), 400, "missing_image");
    }

    @Test
    void truncatedJpeg() {
        byte[] jpeg = ServeFixtures.encode(ServeFixtures.group(), "jpg");
        JsonNode j = refused(http.raw("/v1/predict", "image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2)), 422, "bad_image");
        assertThat(j.get("detail").asText()).containsIgnoringCase("truncated");
    }

    @Test
    void pngBombIsRefusedFromItsHeader() throws IOException {
        JsonNode j = refused(http.raw("/v1/predict", "image/png", pngDeclaring(50_000, 50_000)), 413, "image_too_large");
        assertThat(j.get("detail").asText()).contains("50000x50000");
    }

    @Test
    void textSentAsPng() {
        JsonNode j = refused(http.raw("/v1/predict", "image/png", "hello, this is not a picture".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media");
        assertThat(j.get("detail").asText()).contains("68 65 6c 6c"); // the first bytes, so the sender sees what arrived
    }

    @Test
    void uploadOverTheLimitIsRefusedFromContentLength() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nContent-Length: "
                    + (50L << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            String answer = new String(s.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"error\":\"body_too_large\"");
        }
    }

    @Test
    void multipartUploadOverTheLimit() {
        byte[] big = new byte[(int) LIMIT + 4096];
        System.arraycopy(group, 0, big, 0, group.length);
        Http.Answer a = http.multipart("/v1/predict", "image", big);
        refused(a, 413, "body_too_large");
    }

    @Test
    void gifGivesItsFirstFrame() {
        Http.Answer a = http.raw("/v1/predict", "image/gif", ServeFixtures.encode(ServeFixtures.group(), "gif"));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("faces").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void nonImageInTheNeutralField() {
        JsonNode j = refused(http.multipart("/v1/predict", "image", group, "neutral", "%PDF-1.4 not a face".getBytes()),
                415, "unsupported_media");
        assertThat(j.get("detail").asText()).startsWith("neutral:");
    }

    @Test
    void unknownPersonId() {
        refused(http.raw("/v1/predict?person=nobody", "image/png", group), 404, "unknown_person");
        refused(http.get("/v1/people/nobody"), 404, "unknown_person");
    }

    @Test
    void malformedJsonAndBase64() {
        refused(http.json("/v1/predict", "{\"image\": "), 400, "bad_json");
        refused(http.json("/v1/predict", "[1, 2]"), 400, "bad_json");
        refused(http.json("/v1/predict", "{\"image\": \"!!!not base64!!!\"}"), 400, "bad_base64");
        refused(http.json("/v1/predict", "{\"image\": \"data:image/png,abc\"}"), 400, "bad_base64");
    }

    @Test
    void slowClientsAreDroppedAndOthersServedMeanwhile() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write("POST /v1/predict HTTP/1.1\r\nHost: localhost\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            Http.Answer ok = http.raw("/v1/predict", "image/png", group);
            assertThat(ok.status()).as("served while 16 clients hang").isEqualTo(200);
            long t0 = System.nanoTime();
            for (Socket s : slow) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                byte[] rest = in.readAllBytes(); // ends when the server closes the connection
                assertThat(new String(rest, StandardCharsets.UTF_8)).doesNotContain("200 OK");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(seconds).as("dropped after the 1 s idle timeout").isLessThan(8);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void neutralPhotoWithoutAFace() {
        byte[] grey = ServeFixtures.encode(org.fer4j.vision.FixtureFaces.frame(160, 120), "png");
        refused(http.multipart("/v1/predict", "image", group, "neutral", grey), 422, "neutral_faces");
    }

    /**
     * Hostile requests leave nothing behind: after 30 rounds of every refused input (over 30 MiB of oversized
     * uploads among them) the heap in use after a full collection, the live threads and the queue are back
     * where they were after one round. A server that kept a body, a decoder or a thread per refusal would
     * grow by at least a MiB or a thread per round.
     */
    @Test
    void memoryAndThreadsReturnToBaselineAfterHostileRequests() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(http.raw("/v1/predict", "image/png", group).status()).isEqualTo(200);
        }
        hostileRound();
        long heapBefore = heapAfterGc();
        int threadsBefore = Thread.activeCount();
        for (int round = 0; round < 30; round++) {
            hostileRound();
        }
        long heapAfter = heapAfterGc();
        Thread.sleep(200);
        int threadsAfter = Thread.activeCount();
        assertThat(heapAfter - heapBefore).as("heap retained by 30 rounds of refused requests, bytes (before %d)", heapBefore)
                .isLessThan(8L << 20);
        assertThat(threadsAfter).as("live threads").isLessThanOrEqualTo(threadsBefore + 4);
        String metrics = http.get("/metrics").text();
        assertThat(metrics).containsPattern("(?m)^fer4j_queue_depth 0(\\.0)?$");
    }

    private static void hostileRound() throws IOException {
        byte[] jpeg = ServeFixtures.encode(ServeFixtures.group(), "jpg");
        byte[] big = new byte[(int) LIMIT + 4096];
        System.arraycopy(group, 0, big, 0, group.length);
        refused(http.raw("/v1/predict", "image/png", new byte[0]), 400, "empty_body");
        refused(http.raw("/v1/predict", "image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2)), 422, "bad_image");
        refused(http.raw("/v1/predict", "image/png", pngDeclaring(50_000, 50_000)), 413, "image_too_large");
        refused(http.raw("/v1/predict", "image/png", "not a picture".getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media");
        refused(http.multipart("/v1/predict", "image", big), 413, "body_too_large");
        refused(http.multipart("/v1/predict", "image", group, "neutral", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)),
                415, "unsupported_media");
        refused(http.json("/v1/predict", "{\"image\": \"!!!not base64!!!\"}"), 400, "bad_base64");
        refused(http.raw("/v1/predict?person=nobody", "image/png", group), 404, "unknown_person");
    }

    /** The heap in use after collections, the smallest of a few readings (a collection may still be finishing). */
    private static long heapAfterGc() throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            min = Math.min(min, java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    /** A valid PNG signature and IHDR declaring {@code w × h}, with a few bytes of image data. */
    static byte[] pngDeclaring(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater z = new Deflater();
        z.setInput(new byte[4096]);
        z.finish();
        byte[] buf = new byte[8192];
        int n = z.deflate(buf);
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
