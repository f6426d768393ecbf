package org.fer4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.fer4j.models.ModelKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API end to end on tiny real models (a baseline and a paired SPNDL model) with the Haar detector:
 * every input form, detection, annotation, neutral calibration, enrolment, the models, health, metrics and
 * OpenAPI routes.
 */
class FerServerTest {
    static Path tmp;
    static ServedModel baseline;
    static ServedModel spndl;
    static FerServer server;
    static Http http;
    static byte[] group;
    static byte[] single;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("fer4j-serve-test");
        baseline = ServedModel.load(ServeFixtures.model(tmp.resolve("baseline/model"), ModelKind.BASELINE, 1));
        spndl = ServedModel.load(ServeFixtures.model(tmp.resolve("spndl/model"), ModelKind.SPNDL, 2));
        server = FerServer.start(baseline, spndl, ServeOptions.builder().optPort(0).optRateLimit(0, 1)
                .optPeopleDir(tmp.resolve("people")).optDetectors(2).build());
        http = new Http(server.url());
        group = ServeFixtures.encode(ServeFixtures.group(), "png");
        single = ServeFixtures.encode(ServeFixtures.single(), "png");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        baseline.close();
        spndl.close();
    }

    @Test
    void multipartPhotoGivesEveryFaceWithBoxLabelAndProbabilities() {
        Http.Answer a = http.multipart("/v1/predict", "image", group);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.type()).startsWith("application/json");
        JsonNode r = a.json();
        assertThat(r.get("model").asText()).isEqualTo("baseline/model");
        assertThat(r.get("calibrated").asBoolean()).isFalse();
        assertThat(r.get("image").get("width").asInt()).isEqualTo(320);
        assertThat(r.get("faces")).hasSize(2);
        Set<Long> lefts = new HashSet<>();
        for (JsonNode f : r.get("faces")) {
            assertThat(f.get("box").get("width").asDouble()).isGreaterThan(50);
            lefts.add(Math.round(f.get("box").get("x").asDouble() / 100));
            double sum = 0;
            for (String c : new String[] {"happiness", "sadness", "surprise"}) {
                sum += f.get("probabilities").get(c).asDouble();
            }
            assertThat(sum).isCloseTo(1, within(1e-4));
            assertThat(f.get("probabilities").has(f.get("label").asText())).isTrue();
        }
        assertThat(lefts).as("one face on each side").hasSize(2);
        assertThat(r.get("timings_ms").get("total").asDouble()).isPositive();
    }

    @Test
    void rawBodyAndJsonBase64AnswerLikeMultipart() {
        JsonNode m = http.multipart("/v1/predict", "image", group).json().get("faces");
        Http.Answer raw = http.raw("/v1/predict", "image/png", group);
        assertThat(raw.status()).as(raw.text()).isEqualTo(200);
        String b64 = Base64.getEncoder().encodeToString(group);
        Http.Answer json = http.json("/v1/predict", "{\"image\":\"" + b64 + "\"}");
        Http.Answer dataUrl = http.json("/v1/predict", "{\"image\":\"data:image/png;base64," + b64 + "\"}");
        for (Http.Answer a : new Http.Answer[] {raw, json, dataUrl}) {
            assertThat(a.status()).as(a.text()).isEqualTo(200);
            assertThat(a.json().get("faces").toString()).isEqualTo(m.toString());
        }
    }

    @Test
    void detectFalseTreatsTheImageAsOneCrop() {
        JsonNode r = http.raw("/v1/predict?detect=false", "image/png", single).json();
        assertThat(r.get("faces")).hasSize(1);
        assertThat(r.get("faces").get(0).get("box").get("width").asDouble()).isEqualTo(200);
        assertThat(http.raw("/v1/predict?detect=maybe", "image/png", single).status()).isEqualTo(400);
    }

    @Test
    void annotateAnswersThePhotoWithBoxesDrawn() throws Exception {
        Http.Answer a = http.raw("/v1/predict?annotate=true", "image/png", group);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.type()).isEqualTo("image/png");
        assertThat(a.header("X-Fer4j-Faces")).isEqualTo("2");
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(a.body()));
        BufferedImage original = ServeFixtures.group();
        assertThat(drawn.getWidth()).isEqualTo(320);
        long green = 0;
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                if (drawn.getRGB(x, y) != original.getRGB(x, y) && (drawn.getRGB(x, y) & 0xffffff) == 0x00ff00) {
                    green++;
                }
            }
        }
        assertThat(green).as("green box pixels").isGreaterThan(400);
    }

    @Test
    void neutralImageUsesTheCalibratedModelAndEnrolmentGivesTheSameAnswer() {
        Http.Answer direct = http.multipart("/v1/predict", "image", group, "neutral", single);
        assertThat(direct.status()).as(direct.text()).isEqualTo(200);
        assertThat(direct.json().get("model").asText()).isEqualTo("spndl/model");
        assertThat(direct.json().get("calibrated").asBoolean()).isTrue();

        Http.Answer enrol = http.raw("/v1/people/alice/neutral", "image/png", single);
        assertThat(enrol.status()).as(enrol.text()).isEqualTo(201);
        assertThat(enrol.json().get("model").asText()).isEqualTo("spndl/model");
        assertThat(Files.exists(tmp.resolve("people/alice.json"))).isTrue();
        assertThat(http.get("/v1/people/alice").status()).isEqualTo(200);

        Http.Answer byPerson = http.raw("/v1/predict?person=alice", "image/png", group);
        assertThat(byPerson.status()).as(byPerson.text()).isEqualTo(200);
        assertThat(byPerson.json().get("person").asText()).isEqualTo("alice");
        JsonNode a = direct.json().get("faces");
        JsonNode b = byPerson.json().get("faces");
        for (int i = 0; i < 2; i++) {
            for (String c : new String[] {"happiness", "sadness", "surprise"}) {
                assertThat(b.get(i).get("probabilities").get(c).asDouble())
                        .isCloseTo(a.get(i).get("probabilities").get(c).asDouble(), within(1e-5));
            }
        }
        // The calibrated model differs from the plain one on the same photo.
        JsonNode plain = http.raw("/v1/predict", "image/png", group).json().get("faces");
        assertThat(plain.toString()).isNotEqualTo(b.toString());

        assertThat(http.send(http.at("/v1/people/alice").DELETE()).status()).isEqualTo(204);
        assertThat(Files.exists(tmp.resolve("people/alice.json"))).isFalse();
        Http.Answer gone = http.raw("/v1/predict?person=alice", "image/png", group);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).isEqualTo("unknown_person");
        assertThat(http.send(http.at("/v1/people/alice").DELETE()).status()).isEqualTo(404);
    }

    @Test
    void enrolmentNeedsExactlyOneFaceAndASafeId() {
        Http.Answer two = http.raw("/v1/people/bob/neutral", "image/png", group);
        assertThat(two.status()).isEqualTo(422);
        assertThat(two.json().get("error").asText()).isEqualTo("neutral_faces");
        assertThat(two.json().get("detail").asText()).contains("found 2");
        for (String id : new String[] {"a.b", "-x", "%2e%2e", "x".repeat(65)}) {
            Http.Answer bad = http.raw("/v1/people/" + id + "/neutral", "image/png", single);
            assertThat(bad.status()).as(id + ": " + bad.text()).isEqualTo(400);
            assertThat(bad.json().has("error")).isTrue();
        }
    }

    @Test
    void modelsHealthMetricsAndOpenApi() {
        JsonNode models = http.get("/v1/models").json().get("models");
        assertThat(models).hasSize(2);
        assertThat(models.get(0).get("kind").asText()).isEqualTo("baseline");
        assertThat(models.get(0).get("roles").toString()).contains("primary");
        assertThat(models.get(0).get("needs_neutral").asBoolean()).isFalse();
        assertThat(models.get(1).get("needs_neutral").asBoolean()).isTrue();
        assertThat(models.get(1).get("roles").toString()).contains("calibrated");
        assertThat(models.get(0).get("classes").toString()).isEqualTo("[\"happiness\",\"sadness\",\"surprise\"]");
        assertThat(models.get(0).get("preprocessing").get("size").asInt()).isEqualTo(32);
        assertThat(models.get(0).get("provenance").get("test").asText()).isEqualTo("serve");

        assertThat(http.get("/healthz").json().get("status").asText()).isEqualTo("ok");
        assertThat(http.get("/readyz").status()).isEqualTo(200);
        http.raw("/v1/predict", "image/png", group);
        http.raw("/v1/predict", "image/png", "not an image".getBytes());
        String metrics = http.get("/metrics").text();
        assertThat(metrics).contains("fer4j_requests_total{route=\"/v1/predict\",code=\"200\"}")
                .contains("fer4j_requests_total{route=\"/v1/predict\",code=\"415\"}")
                .contains("fer4j_errors_total{error=\"unsupported_media\"}")
                .contains("fer4j_request_duration_seconds_bucket{le=\"+Inf\"}")
                .contains("fer4j_batch_size_bucket{le=\"2\"}")
                .contains("fer4j_queue_depth 0");
        JsonNode api = http.get("/openapi.json").json();
        assertThat(api.get("openapi").asText()).startsWith("3.");
        assertThat(api.get("paths").has("/v1/predict")).isTrue();
        assertThat(api.get("paths").has("/v1/people/{id}/neutral")).isTrue();
    }

    @Test
    void pageIsSelfContainedAndCorsIsOff() {
        Http.Answer page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.type()).startsWith("text/html");
        assertThat(page.text()).contains("app.js").contains("This is my neutral face")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(http.get("/app.js").text()).doesNotContain("http://").doesNotContain("https://");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        Http.Answer cross = http.send(http.at("/v1/models").header("Origin", "http://evil.example").GET());
        assertThat(cross.header("Access-Control-Allow-Origin")).isNull();
        Http.Answer missing = http.get("/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertThat(ServeOptions.builder().build().host()).isEqualTo("127.0.0.1");
        assertThat(server.url()).startsWith("http://127.0.0.1:");
    }
}
