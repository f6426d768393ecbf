package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.vision.FixtureFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fer4j serve} from the command line: it binds loopback, answers a photo with the same faces and
 * probabilities as {@code fer4j predict --detector haar} gives for the file, and stops cleanly.
 */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesWhatPredictComputes() throws Exception {
        Path model = dir.resolve("run/model");
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.BASELINE, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), 3)) {
            m.save(model);
        }
        Path photo = dir.resolve("group.png");
        ImageIO.write(FixtureFaces.frame(320, 160, new int[] {2, 10, 20, 112}, new int[] {3, 190, 30, 112}), "png", photo.toFile());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fer4j.run(new PrintWriter(out, true), new PrintWriter(err, true), "predict", "--model", model.toString(),
                "--image", photo.toString(), "--detector", "haar", "--format", "json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode predicted = new ObjectMapper().readTree(out.toString());

        Served served = serve(photo, "--model", model.toString());
        JsonNode faces = served.response().get("faces");
        assertThat(faces).hasSize(predicted.size());
        for (int i = 0; i < faces.size(); i++) {
            assertThat(faces.get(i).get("label").asText()).isEqualTo(predicted.get(i).get("label").asText());
            assertThat(faces.get(i).get("box").get("x").asDouble()).isEqualTo(predicted.get(i).get("box").get("x").asDouble());
            var it = predicted.get(i).get("probabilities").fields();
            while (it.hasNext()) {
                var e = it.next();
                assertThat(faces.get(i).get("probabilities").get(e.getKey()).asDouble())
                        .isCloseTo(e.getValue().asDouble(), within(1e-6));
            }
        }
        assertThat(served.url()).startsWith("http://127.0.0.1:");
        assertThat(served.err()).contains("serving run/model at " + served.url());
        assertThat(Files.exists(model)).isTrue();
    }

    /** What one {@code fer4j serve} run answered: its URL, the JSON of each request in order, its standard error. */
    record Served(String url, List<JsonNode> responses, String err) {
        JsonNode response() {
            return responses.get(0);
        }
    }

    /** One POST to /v1/predict: a body and its content type. */
    record Post(String contentType, byte[] body) {
        static Post png(Path photo) throws java.io.IOException {
            return new Post("image/png", Files.readAllBytes(photo));
        }

        /** The JSON form: base64 {@code image} and {@code neutral}. */
        static Post withNeutral(Path photo, Path neutral) throws java.io.IOException {
            java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
            return new Post("application/json", new ObjectMapper().writeValueAsBytes(java.util.Map.of(
                    "image", b64.encodeToString(Files.readAllBytes(photo)), "neutral", b64.encodeToString(Files.readAllBytes(neutral)))));
        }
    }

    /**
     * Starts {@code fer4j serve ARGS --port 0 --rate 0} in this JVM, sends {@code posts} to /v1/predict all at
     * once (each must answer 200), stops the server and returns the answers in the order of {@code posts}.
     */
    static Served serve(List<Post> posts, String... args) throws Exception {
        CommandLine cli = new CommandLine(new Fer4j());
        StringWriter serveErr = new StringWriter();
        cli.setErr(new PrintWriter(serveErr, true));
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("serve"),
                java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--port", "0", "--rate", "0")))
                .toArray(String[]::new);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> cli.execute(all));
        Served served;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (serve.running == null && System.nanoTime() < deadline && !running.isDone()) {
                Thread.sleep(50);
            }
            assertThat(serve.running).as(serveErr.toString()).isNotNull();
            String url = serve.running.url();
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (Post p : posts) {
                sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/v1/predict")).header("Content-Type", p.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(p.body())).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<JsonNode> answers = new java.util.ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                answers.add(new ObjectMapper().readTree(r.body()));
            }
            served = new Served(url, answers, serveErr.toString());
        } finally {
            serve.stop.countDown();
        }
        assertThat(running.get(30, TimeUnit.SECONDS)).as(serveErr.toString()).isZero();
        return served;
    }

    static Served serve(Path photo, String... args) throws Exception {
        return serve(List.of(Post.png(photo)), args);
    }

    /** The same faces: boxes and labels equal, every class's probability within {@code tolerance}. */
    static void assertSameFaces(JsonNode expected, JsonNode got, double tolerance) {
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(got.get(i).get("box")).isEqualTo(expected.get(i).get("box"));
            assertThat(got.get(i).get("label")).isEqualTo(expected.get(i).get("label"));
            var it = expected.get(i).get("probabilities").fields();
            while (it.hasNext()) {
                var e = it.next();
                assertThat(got.get(i).get("probabilities").get(e.getKey()).asDouble()).as("face %d, %s", i, e.getKey())
                        .isCloseTo(e.getValue().asDouble(), within(tolerance));
            }
            assertThat(got.get(i).get("probabilities").size()).isEqualTo(expected.get(i).get("probabilities").size());
        }
    }

}
