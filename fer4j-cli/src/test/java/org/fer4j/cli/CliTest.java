package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes, messages and output formats. */
class CliTest {
    @TempDir
    static Path dir;
    static Path baseline;
    static Path paired;
    static Path face;
    static Path neutral;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fer4j.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void models() throws Exception {
        baseline = dir.resolve("baseline");
        paired = dir.resolve("spndl");
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.BASELINE, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), 1)) {
            m.save(baseline);
        }
        try (FerModel m = FerModel.create(new ModelSpec(ModelKind.SPNDL, 1.0 / 16, Preprocessing.rgb(32), LabelSet.CK_PLUS_7), 1)) {
            m.save(paired);
        }
        Run synth = run("synth", "--out", dir.resolve("synth").toString(), "--subjects", "2", "--images-per-class", "1", "--size", "48");
        assertThat(synth.code()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("synth/manifest.csv"));
        face = dir.resolve("synth").resolve(lines.get(1).split(",")[0]);
        neutral = dir.resolve("synth").resolve(lines.get(1).split(",")[3]);
    }

    @Test
    void predictReadsManifestsInTheDatasetDialectWithQuotedPathsAndFaceBoxes() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("quoted/a,b"));
        Files.copy(face, folder.resolve("face.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path csv = dir.resolve("quoted/faces.csv");
        Files.writeString(csv, "path,face_x,face_y,face_width,face_height\n\"a,b/face.png\",10,12,20,20\n\"a,b/face.png\",,,,\n");
        Run r = run("predict", "--model", baseline.toString(), "--manifest", csv.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        List<?> rows = new ObjectMapper().readValue(r.out(), List.class);
        assertThat(rows).hasSize(2);
        assertThat(((Map<?, ?>) rows.get(0)).get("image")).isEqualTo("a,b/face.png");
        // The boxed row is cropped, the other is whole: different inputs, different probabilities.
        assertThat(((Map<?, ?>) rows.get(0)).get("probabilities")).isNotEqualTo(((Map<?, ?>) rows.get(1)).get("probabilities"));

        Files.writeString(csv, "path,face_x,face_y,face_width,face_height\na,b/face.png,4,4,40,40\n");
        Run unquoted = run("predict", "--model", baseline.toString(), "--manifest", csv.toString());
        assertThat(unquoted.code()).isEqualTo(2);
        assertThat(unquoted.err()).contains("faces.csv line 2", "quote it");
    }

    @Test
    void predictPrintsParseableJsonAndCsv() throws Exception {
        Run json = run("predict", "--model", baseline.toString(), "--image", face.toString(), "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        List<?> rows = new ObjectMapper().readValue(json.out(), List.class);
        Map<?, ?> row = (Map<?, ?>) rows.get(0);
        Map<?, ?> probs = (Map<?, ?>) row.get("probabilities");
        assertThat(new java.util.ArrayList<Object>(probs.keySet())).containsExactlyElementsOf(LabelSet.CK_PLUS_7.names());
        double sum = probs.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(LabelSet.CK_PLUS_7.names()).contains((String) row.get("label"));

        Run csv = run("predict", "--model", baseline.toString(), "--folder", face.getParent().toString(), "--format", "csv");
        assertThat(csv.code()).isZero();
        String[] lines = csv.out().trim().split("\n");
        assertThat(lines[0]).isEqualTo("image,label,confidence," + String.join(",", LabelSet.CK_PLUS_7.names()));
        assertThat(lines.length).isGreaterThan(2);
        assertThat(lines[1].split(",")).hasSize(3 + 7);
    }

    @Test
    void pairedModelWithAndWithoutNeutral() {
        Run missing = run("predict", "--model", paired.toString(), "--image", face.toString());
        assertThat(missing.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(missing.err()).contains("neutral").contains(face.toString());
        Run ok = run("predict", "--model", paired.toString(), "--image", face.toString(), "--neutral", neutral.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        Run manifest = run("predict", "--model", paired.toString(), "--manifest", dir.resolve("synth/manifest.csv").toString(),
                "--format", "csv");
        assertThat(manifest.code()).as(manifest.err()).isZero();
        assertThat(manifest.out().trim().split("\n")).hasSize(1 + 14);
    }

    @Test
    void badImagesGiveClearMessagesAndExitCode2() throws Exception {
        Path corrupt = dir.resolve("corrupt.png");
        Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Run r = run("predict", "--model", baseline.toString(), "--image", corrupt.toString());
        assertThat(r.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(r.err()).contains(corrupt.toString());

        Run gone = run("predict", "--model", baseline.toString(), "--image", dir.resolve("nope.png").toString());
        assertThat(gone.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(gone.err()).contains("nope.png").contains("not found");

        Path tiny = dir.resolve("tiny.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", tiny.toFile());
        Run small = run("predict", "--model", baseline.toString(), "--image", tiny.toString());
        assertThat(small.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(small.err()).contains("tiny.png").contains("too small");

        // a folder with one bad file still predicts the rest and reports the bad one
        Path folder = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(face, folder.resolve("a.png"));
        Files.copy(corrupt, folder.resolve("b.png"));
        Run mixed = run("predict", "--model", baseline.toString(), "--folder", folder.toString(), "--format", "csv");
        assertThat(mixed.code()).isZero();
        assertThat(mixed.out()).contains("a.png").doesNotContain("b.png");
        assertThat(mixed.err()).contains("b.png").contains("1 of 2 images skipped");
    }

    @Test
    void badModelsAndOptionsAreClearErrors() throws Exception {
        Run notModel = run("predict", "--model", dir.toString(), "--image", face.toString());
        assertThat(notModel.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(notModel.err()).contains("not a fer4j model folder");

        Run schedule = run("train", "--spl-schedule", "0.5,0.4,1.0", "--subjects", "3", "--out", dir.resolve("r1").toString());
        assertThat(schedule.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(schedule.err()).contains("increasing");

        Run unknownModel = run("train", "--model", "vgg", "--out", dir.resolve("r2").toString());
        assertThat(unknownModel.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(unknownModel.err()).contains("unknown model 'vgg'");

        Run format = run("predict", "--model", baseline.toString(), "--image", face.toString(), "--format", "xml");
        assertThat(format.code()).isEqualTo(Fer4j.BAD_INPUT);

        Path occupied = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "keep me");
        Run synthAgain = run("synth", "--out", occupied.toString());
        assertThat(synthAgain.code()).isEqualTo(Fer4j.BAD_INPUT);
        assertThat(synthAgain.err()).contains("not empty");
        assertThat(Files.readString(occupied.resolve("notes.txt"))).isEqualTo("keep me");
    }
}
