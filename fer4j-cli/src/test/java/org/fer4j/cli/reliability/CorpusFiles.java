package org.fer4j.cli.reliability;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;

/**
 * The files of the bad-input corpus, generated into one folder: images that are corrupt, truncated,
 * empty, mislabelled, huge or merely unusual; manifests with every CSV mistake; model and run folders
 * that are missing, truncated or of another architecture. Good files sit beside them, so that a case
 * differs from a working command in one thing only.
 */
final class CorpusFiles {
    final Path root;
    final Path images;
    final Path manifests;
    final Path models;

    private CorpusFiles(Path root) {
        this.root = root;
        this.images = root.resolve("images");
        this.manifests = root.resolve("manifests");
        this.models = root.resolve("models");
    }

    static CorpusFiles write(Path root) throws IOException {
        CorpusFiles f = new CorpusFiles(root);
        f.writeImages();
        f.writeManifests();
        f.writeModels();
        f.writeRuns();
        f.writeVideos();
        return f;
    }

    Path image(String name) {
        return images.resolve(name);
    }

    Path manifest(String name) {
        return manifests.resolve(name);
    }

    Path model(String name) {
        return models.resolve(name);
    }

    Path video(String name) {
        return root.resolve("videos").resolve(name);
    }

    /** A short valid video of real fixture faces, and broken ones beside it. */
    private void writeVideos() throws IOException {
        Files.createDirectories(video("x").getParent());
        Files.createDirectories(root.resolve("out/video-outputs")); // an existing output folder: a bad video must leave it empty
        Path good = org.fer4j.vision.video.TestVideos.twoPeople(video("two.mp4"), 8, 8);
        Path fast = org.fer4j.vision.video.TestVideos.twoPeople(video("faststart.mp4"), 16, 8, true);
        org.fer4j.vision.video.TestVideos.cut(good, video("truncated.mp4"), 0.5);
        org.fer4j.vision.video.TestVideos.cut(fast, video("cut-mid-stream.mp4"), 0.6);
        Files.write(video("empty.mp4"), new byte[0]);
        Files.writeString(video("text.mp4"), "not a video\n".repeat(100));
        byte[] noise = new byte[8192];
        new Random(11).nextBytes(noise);
        Files.write(video("random.mp4"), noise);
        Files.createDirectories(video("folder.mp4"));
        Files.copy(image("face.png"), video("image.mp4")); // a PNG named .mp4: FFmpeg reads it as a one-frame video
    }

    Path run(String name) {
        return root.resolve("runs").resolve(name);
    }

    private void writeImages() throws IOException {
        Files.createDirectories(images);
        BufferedImage face = face(48, new Color(220, 170, 140));
        ImageIO.write(face, "png", image("face.png").toFile());
        ImageIO.write(face(48, new Color(200, 160, 130)), "png", image("neutral.png").toFile());
        ImageIO.write(face, "jpg", image("face.jpg").toFile());
        byte[] png = Files.readAllBytes(image("face.png"));
        byte[] jpg = Files.readAllBytes(image("face.jpg"));
        Files.write(image("truncated.png"), Arrays.copyOf(png, png.length / 2));
        Files.write(image("truncated.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(image("random.png"), noise);
        Files.write(image("random.jpg"), noise);
        byte[] pngSignatureThenNoise = Arrays.copyOf(png, 4096);
        System.arraycopy(noise, 0, pngSignatureThenNoise, 40, 4000);
        Files.write(image("corrupt.png"), pngSignatureThenNoise);
        Files.write(image("empty.png"), new byte[0]);
        Files.writeString(image("text.png"), "not a picture\n");
        Files.createDirectories(image("folder.png"));
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", image("one-pixel.png").toFile());
        Files.write(image("huge-header.png"), org.fer4j.testing.HostileFiles.pngHeaderOnly(20_000, 20_000));
        // Unusual but valid: these must predict.
        BufferedImage g16 = new BufferedImage(48, 48, BufferedImage.TYPE_USHORT_GRAY);
        Graphics2D g = g16.createGraphics();
        g.drawImage(face, 0, 0, null);
        g.dispose();
        ImageIO.write(g16, "png", image("sixteen-bit.png").toFile());
        BufferedImage palette = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_INDEXED);
        g = palette.createGraphics();
        g.drawImage(face, 0, 0, null);
        g.dispose();
        ImageIO.write(palette, "png", image("palette.png").toFile());
        ImageIO.write(palette, "gif", image("face.gif").toFile());
        BufferedImage translucent = new BufferedImage(48, 48, BufferedImage.TYPE_INT_ARGB);
        g = translucent.createGraphics();
        g.setColor(new Color(220, 170, 140, 128));
        g.fillOval(4, 4, 40, 40);
        g.dispose();
        ImageIO.write(translucent, "png", image("translucent.png").toFile());
        ImageIO.write(face, "bmp", image("face.bmp").toFile());
        Files.write(image("cmyk.jpg"), org.fer4j.testing.HostileFiles.cmykJpeg());
        Files.createDirectories(images.resolve("empty-folder"));
        Files.createDirectories(images.resolve("bad-folder"));
        Files.copy(image("text.png"), images.resolve("bad-folder/a.png"));
        Files.copy(image("empty.png"), images.resolve("bad-folder/b.png"));
        Files.writeString(images.resolve("landmarks.txt"), "1 2\n3 4\nnot a number\n");
    }

    /** Manifest lines point into {@code images/} from {@code manifests/}. */
    private void writeManifests() throws IOException {
        Files.createDirectories(manifests);
        String head = "path,label,subject,neutral\n";
        StringBuilder good = new StringBuilder(head);
        String[] labels = {"anger", "contempt", "disgust", "fear", "happiness", "sadness", "surprise"};
        Path faces = Files.createDirectories(images.resolve("good"));
        StringBuilder blank = new StringBuilder(head);
        for (int s = 0; s < 4; s++) {
            Files.copy(image("neutral.png"), faces.resolve("S" + s + "_neutral.png"));
            for (String l : labels) {
                Files.copy(image("face.png"), faces.resolve("S" + s + "_" + l + ".png"));
                good.append("../images/good/S").append(s).append('_').append(l).append(".png,").append(l).append(",S")
                        .append(s).append(",../images/good/S").append(s).append("_neutral.png\n");
                blank.append("../images/good/S").append(s).append('_').append(l).append(".png,").append(l).append(",,\n");
            }
        }
        write("good.csv", good.toString());
        write("header-only.csv", head);
        write("empty.csv", "");
        write("no-label-column.csv", "path,subject\n../images/face.png,S1\n");
        write("no-path-column.csv", "file,label\n../images/face.png,anger\n");
        write("ragged.csv", head + "../images/face.png,anger\n../images/face.png,anger,S1,../images/neutral.png,extra\n");
        write("unterminated-quote.csv", head + "\"../images/face.png,anger,S1,../images/neutral.png\n");
        write("unknown-labels.csv", head + "../images/face.png,joyful,S1,\n../images/face.png,grumpy,S2,\n");
        write("missing-images.csv", head + "../images/gone1.png,anger,S1,\n../images/gone2.png,happiness,S2,\n");
        write("missing-neutral.csv", head + "../images/face.png,anger,S1,../images/gone.png\n");
        write("conflicting.csv", head + "../images/face.png,anger,S1,\n../images/face.png,happiness,S1,\n");
        write("escaping.csv", head + "../../../../../../etc/passwd,anger,S1,\n");
        write("bad-images.csv", head + "../images/random.png,anger,S1,\n../images/empty.png,happiness,S2,\n"
                + "../images/text.png,surprise,S3,\n");
        write("blank-subjects.csv", blank.toString());
        Files.write(manifest("latin1.csv"), (head + "../images/face.png,anger,Jos\u00e9,\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.write(manifest("bom.csv"), ("\uFEFF" + good).getBytes(StandardCharsets.UTF_8));
        write("crlf.csv", good.toString().replace("\n", "\r\n"));
        write("extra-column.csv", good.toString().replace("path,label,subject,neutral", "path,label,subject,neutral,notes")
                .replace("neutral.png\n", "neutral.png,ok\n"));
        Files.write(manifest("binary.csv"), Files.readAllBytes(image("face.png")));
        Files.createDirectories(manifests.resolve("folder.csv"));
    }

    private void writeModels() throws IOException {
        Files.createDirectories(models);
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.BASELINE, 1.0 / 16, Preprocessing.rgb(32),
                LabelSet.CK_PLUS_7), 1)) {
            m.save(model("baseline"));
        }
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.SPNDL, 1.0 / 16, Preprocessing.rgb(32),
                LabelSet.CK_PLUS_7), 1)) {
            m.save(model("spndl"));
        }
        Files.createDirectories(model("empty"));
        copyTree(model("baseline"), model("corrupt-json"));
        Files.writeString(model("corrupt-json").resolve("model.json"), "{\"kind\": \"baseline\", \"width\": ");
        copyTree(model("baseline"), model("truncated-weights"));
        Path params = weights(model("truncated-weights"));
        byte[] w = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(w, w.length / 3));
        copyTree(model("baseline"), model("no-weights"));
        Files.delete(weights(model("no-weights")));
        // spndl's model.json over baseline's weights: another architecture under the same name
        copyTree(model("spndl"), model("other-architecture"));
        Files.copy(weights(model("baseline")), weights(model("other-architecture")),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        copyTree(model("baseline"), model("unknown-kind"));
        Path json = model("unknown-kind").resolve("model.json");
        Files.writeString(json, Files.readString(json).replace("\"BASELINE\"", "\"VGG_FACE\""));
        Files.writeString(models.resolve("a-file"), "not a folder");
        // the exported ONNX form, whole and cut short
        int code = org.fer4j.cli.Fer4j.run(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), "export", "--model", model("baseline").toString(),
                "--out", models.resolve("baseline.onnx").toString());
        if (code != 0) {
            throw new IOException("fer4j export of the corpus model failed with exit code " + code);
        }
        byte[] onnx = Files.readAllBytes(models.resolve("baseline.onnx"));
        Files.write(models.resolve("truncated.onnx"), Arrays.copyOf(onnx, onnx.length / 2));
    }

    private void writeRuns() throws IOException {
        Path runs = root.resolve("runs");
        Files.createDirectories(runs.resolve("not-a-run"));
        Files.writeString(runs.resolve("not-a-run/notes.txt"), "hello");
        Path torn = Files.createDirectories(runs.resolve("corrupt-metrics"));
        Files.writeString(torn.resolve("config.json"), "{\"command\":\"train\"}");
        Files.writeString(torn.resolve("metrics.jsonl"), "{\"fold\":0,\"epoch\":1,\n\u0000\u0000garbage\n");
        Path badConfig = Files.createDirectories(runs.resolve("corrupt-config"));
        Files.writeString(badConfig.resolve("config.json"), "{{{{");
    }

    static Path weights(Path modelDir) throws IOException {
        try (var files = Files.list(modelDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".params")).findFirst()
                    .orElseThrow(() -> new IOException(modelDir + ": no .params file"));
        }
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(manifest(name), content);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    private static BufferedImage face(int size, Color skin) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, size, size);
        g.setColor(skin);
        g.fillOval(size / 8, size / 10, size * 3 / 4, size * 4 / 5);
        g.setColor(Color.BLACK);
        g.fillOval(size / 3, size / 3, size / 10, size / 10);
        g.fillOval(size * 2 / 3 - size / 10, size / 3, size / 10, size / 10);
        g.drawArc(size / 3, size / 2, size / 3, size / 6, 180, 180);
        g.dispose();
        return img;
    }
}
