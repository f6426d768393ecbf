package org.fer4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fer4j.batches.PairedBatch;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.inference.BatchClassifier;
import org.junit.jupiter.api.Test;

/**
 * Micro-batching, the bounded queue, the rate limit and the decode deadline, on a stand-in classifier whose
 * answer is each face's brightness (so a mixed-up batch shows) and whose speed the test controls.
 */
class LimitsTest {

    /** p(happiness) = mean pixel value of the face; records batch sizes; may wait on a latch. */
    static final class Brightness implements BatchClassifier {
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        final Preprocessing pre = Preprocessing.rgb(32);
        volatile CountDownLatch gate;
        volatile CountDownLatch entered = new CountDownLatch(1);

        @Override
        public Preprocessing preprocessing() {
            return pre;
        }

        @Override
        public LabelSet labels() {
            return ServeFixtures.LABELS;
        }

        @Override
        public boolean needsNeutral() {
            return false;
        }

        @Override
        public String kindName() {
            return "brightness";
        }

        @Override
        public float[] probabilities(PairedBatch batch) {
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int per = pre.length();
            int n = batch.targets().length / per;
            sizes.add(n);
            float[] out = new float[n * 3];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < per; j++) {
                    sum += batch.targets()[i * per + j];
                }
                float v = (float) (1 / (1 + Math.exp(-sum / per)));
                out[i * 3] = v;
                out[i * 3 + 1] = 1 - v;
            }
            return out;
        }
    }

    static byte[] solid(int grey) {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        return ServeFixtures.encode(img, "png");
    }

    static FerServer start(Brightness c, ServeOptions.Builder b) throws Exception {
        return FerServer.start(new ServedModel("brightness", c, null, null), null, b.optPort(0).optDetectors(1).optWarmup(false).build());
    }

    @Test
    void concurrentRequestsShareForwardPassesAndEachGetsItsOwnAnswer() throws Exception {
        Brightness c = new Brightness();
        try (FerServer server = start(c, ServeOptions.builder().optRateLimit(0, 1).optBatchWaitMs(200).optMaxBatch(64))) {
            Http http = new Http(server.url());
            int n = 12;
            List<CompletableFuture<Http.Answer>> answers = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(n);
            for (int i = 0; i < n; i++) {
                byte[] img = solid(20 * i);
                answers.add(CompletableFuture.supplyAsync(() -> http.raw("/v1/predict?detect=false", "image/png", img), clients));
            }
            clients.shutdown();
            double last = -1;
            for (CompletableFuture<Http.Answer> f : answers) {
                JsonNode face = f.get(60, TimeUnit.SECONDS).json().get("faces").get(0);
                double p = face.get("probabilities").get("happiness").asDouble();
                assertThat(p).as("brighter images answer higher: each request got its own row").isGreaterThan(last);
                last = p;
            }
            assertThat(server.metrics().facesPredicted()).isEqualTo(n);
            assertThat(c.sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).as("batch sizes " + c.sizes)
                    .isGreaterThan(1);
            assertThat(c.sizes).as("padded to the few sizes kernels are built for").allMatch(k -> java.util.Arrays.stream(
                    MicroBatcher.sizes(64)).anyMatch(v -> v == k));
            assertThat(server.metrics().batchCount()).isEqualTo(c.sizes.size());
        }
    }

    @Test
    void batchingOffRunsEachRequestAlone() throws Exception {
        Brightness c = new Brightness();
        try (FerServer server = start(c, ServeOptions.builder().optRateLimit(0, 1).optBatching(false))) {
            Http http = new Http(server.url());
            List<CompletableFuture<Http.Answer>> answers = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(6);
            for (int i = 0; i < 6; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> http.raw("/v1/predict?detect=false", "image/png", solid(90)), clients));
            }
            clients.shutdown();
            for (CompletableFuture<Http.Answer> f : answers) {
                assertThat(f.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(c.sizes).hasSize(6).containsOnly(1);
        }
    }

    @Test
    void fullQueueAnswers503WithRetryAfterAndRecovers() throws Exception {
        Brightness c = new Brightness();
        c.gate = new CountDownLatch(1);
        try (FerServer server = start(c, ServeOptions.builder().optRateLimit(0, 1).optQueueFaces(1).optMaxBatch(1).optBatchWaitMs(0))) {
            Http http = new Http(server.url());
            CompletableFuture<Http.Answer> first = CompletableFuture.supplyAsync(
                    () -> http.raw("/v1/predict?detect=false", "image/png", solid(100)));
            assertThat(c.entered.await(30, TimeUnit.SECONDS)).as("first request reached the model").isTrue();
            Http.Answer second = http.raw("/v1/predict?detect=false", "image/png", solid(100));
            assertThat(second.status()).as(second.text()).isEqualTo(503);
            assertThat(second.header("Retry-After")).isEqualTo("1");
            assertThat(second.json().get("error").asText()).isEqualTo("queue_full");
            assertThat(http.get("/readyz").status()).isEqualTo(503);
            assertThat(http.get("/metrics").text()).contains("fer4j_queue_depth 1");
            c.gate.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(http.raw("/v1/predict?detect=false", "image/png", solid(100)).status()).isEqualTo(200);
            assertThat(http.get("/readyz").status()).isEqualTo(200);
        }
    }

    @Test
    void burstOverTheRateLimitGets429AndOtherRoutesStillAnswer() throws Exception {
        try (FerServer server = start(new Brightness(), ServeOptions.builder().optRateLimit(0.5, 3))) {
            Http http = new Http(server.url());
            int ok = 0;
            int limited = 0;
            Http.Answer refused = null;
            for (int i = 0; i < 8; i++) {
                Http.Answer a = http.get("/v1/models");
                if (a.status() == 200) {
                    ok++;
                } else {
                    limited++;
                    refused = a;
                }
            }
            assertThat(ok).isEqualTo(3);
            assertThat(limited).isEqualTo(5);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
            assertThat(http.get("/healthz").status()).as("health is not rate limited").isEqualTo(200);
            assertThat(http.get("/metrics").text()).contains("fer4j_errors_total{error=\"rate_limited\"} 5");
        }
    }

    @Test
    void slowDecodeIsCutOffByTheDeadline() throws Exception {
        BufferedImage big = new BufferedImage(3000, 3000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        for (int i = 0; i < 3000; i += 7) {
            g.setColor(new Color(i * 7919 & 0xffffff));
            g.drawLine(0, i, 3000, 3000 - i);
        }
        g.dispose();
        byte[] png = ServeFixtures.encode(big, "png");
        try (FerServer server = start(new Brightness(), ServeOptions.builder().optRateLimit(0, 1).optDecodeTimeoutMs(1))) {
            Http http = new Http(server.url());
            Http.Answer a = http.raw("/v1/predict?detect=false", "image/png", png);
            assertThat(a.status()).as(a.text()).isEqualTo(422);
            assertThat(a.json().get("error").asText()).isEqualTo("decode_timeout");
            assertThat(http.get("/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void batchesArePaddedToAFewSizesAndWarmedUpAtStart() throws Exception {
        assertThat(MicroBatcher.sizes(64)).containsExactly(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64);
        assertThat(MicroBatcher.sizes(10)).containsExactly(1, 2, 3, 4, 6, 8, 10);
        assertThat(MicroBatcher.sizes(1)).containsExactly(1);
        Brightness c = new Brightness();
        try (FerServer server = FerServer.start(new ServedModel("brightness", c, null, null), null,
                ServeOptions.builder().optPort(0).optDetectors(1).optMaxBatch(10).build())) {
            assertThat(c.sizes).as("one forward per padded size before listening").containsExactly(1, 2, 3, 4, 6, 8, 10);
            assertThat(server.metrics().batchCount()).as("warm-up is not counted as traffic").isZero();
        }
    }

    @Test
    void optionsAreCheckedWhenBuilt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.builder().optPort(70_000).build())
                .hasMessageContaining("port");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.builder().optMaxBatch(0).build())
                .hasMessageContaining("max batch");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.builder().optRateLimit(-1, 3).build())
                .hasMessageContaining("rate");
    }
}
