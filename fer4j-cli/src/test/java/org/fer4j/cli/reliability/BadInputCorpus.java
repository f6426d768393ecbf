package org.fer4j.cli.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bad-input corpus as data: every case is an entry point, the arguments (built from
 * {@link CorpusFiles}), the exit code a user must get, and a piece of text the first error line must
 * contain (the file or option at fault). {@link BadInputCorpusTest} runs them all and writes the table
 * in docs/RELIABILITY.md.
 */
final class BadInputCorpus {
    static final int OK = 0;
    static final int BAD = 2;

    /**
     * @param mentions text the first {@code fer4j:} error line contains (null for a success)
     * @param out      the run or output folder the case names, which must not be left behind on failure
     */
    record Case(String entry, String id, String what, List<String> args, int exit, String mentions, Path out) {
    }

    private final CorpusFiles f;
    private final List<Case> cases = new ArrayList<>();

    private BadInputCorpus(CorpusFiles f) {
        this.f = f;
    }

    static List<Case> all(CorpusFiles f) {
        BadInputCorpus c = new BadInputCorpus(f);
        c.predict();
        c.evaluate();
        for (String cmd : List.of("train", "cv", "ablation")) {
            c.training(cmd);
        }
        c.datasetsInspect();
        c.report();
        c.synth();
        c.bench();
        c.export();
        c.video();
        c.photos();
        c.serve();
        return c.cases;
    }

    private static final String[] BAD_IMAGES = {"truncated.png", "truncated.jpg", "random.png", "random.jpg",
            "corrupt.png", "empty.png", "text.png", "folder.png", "one-pixel.png", "huge-header.png", "gone.png"};
    private static final String[] ODD_GOOD_IMAGES = {"sixteen-bit.png", "palette.png", "face.gif", "translucent.png",
            "face.bmp", "face.jpg", "cmyk.jpg"};
    private static final String[] BAD_MANIFESTS = {"header-only.csv", "empty.csv", "no-label-column.csv",
            "no-path-column.csv", "unterminated-quote.csv", "unknown-labels.csv", "missing-images.csv", "bad-images.csv",
            "latin1.csv", "binary.csv", "folder.csv", "gone.csv"};
    private static final String[] GOOD_MANIFESTS = {"bom.csv", "crlf.csv", "extra-column.csv"};
    private static final String[] BAD_MODELS = {"empty", "corrupt-json", "truncated-weights", "no-weights",
            "other-architecture", "unknown-kind", "a-file", "gone"};

    private void predict() {
        String model = f.model("baseline").toString();
        for (String img : BAD_IMAGES) {
            add("predict", "image " + img, BAD, img, "predict", "--model", model, "--image", f.image(img).toString());
        }
        for (String img : ODD_GOOD_IMAGES) {
            add("predict", "image " + img + " (valid)", OK, null, "predict", "--model", model, "--image",
                    f.image(img).toString());
        }
        add("predict", "folder with no images", BAD, "empty-folder", "predict", "--model", model, "--folder",
                f.images.resolve("empty-folder").toString());
        add("predict", "folder of unreadable images", BAD, "bad-folder", "predict", "--model", model, "--folder",
                f.images.resolve("bad-folder").toString());
        add("predict", "folder missing", BAD, "gone-folder", "predict", "--model", model, "--folder",
                f.images.resolve("gone-folder").toString());
        add("predict", "--folder names a file", BAD, "face.png", "predict", "--model", model, "--folder",
                f.image("face.png").toString());
        for (String m : BAD_MANIFESTS) {
            if (!m.equals("no-label-column.csv") && !m.equals("unknown-labels.csv")) { // predict needs no label
                add("predict", "manifest " + m, BAD, m, "predict", "--model", model, "--manifest", f.manifest(m).toString());
            }
        }
        for (String m : GOOD_MANIFESTS) {
            add("predict", "manifest " + m + " (valid)", OK, null, "predict", "--model", model, "--manifest",
                    f.manifest(m).toString());
        }
        add("predict", "manifest path escaping with .. to a non-image", BAD, "escaping.csv", "predict", "--model", model, "--manifest",
                f.manifest("escaping.csv").toString());
        for (String m : BAD_MODELS) {
            add("predict", "model " + m, BAD, m, "predict", "--model", f.model(m).toString(), "--image",
                    f.image("face.png").toString());
        }
        String face = f.image("face.png").toString();
        String[][] options = {
                {"--batch-size 0", "--batch-size", "--batch-size", "0"},
                {"--batch-size -3", "--batch-size", "--batch-size", "-3"},
                {"--batch-size abc", "--batch-size", "--batch-size", "abc"},
                {"--format xml", "--format", "--format", "xml"},
                {"--face-box with three numbers", "--face-box", "--face-box", "1,2,3"},
                {"--face-box outside the image", "outside", "--face-box", "1000,1000,10,10"},
                {"--face-box mostly outside", "outside", "--face-box", "40,40,30,30"},
                {"--face-box NaN", "--face-box", "--face-box", "NaN,0,10,10"},
                {"--face-box negative width", "face box", "--face-box", "0,0,-5,10"},
                {"--neutral-face-box without --neutral", "--neutral", "--neutral-face-box", "0,0,10,10"},
                {"--landmarks missing", "gone.txt", "--landmarks", f.images.resolve("gone.txt").toString()},
                {"--landmarks not numbers", "landmarks.txt", "--landmarks", f.images.resolve("landmarks.txt").toString()},
        };
        for (String[] o : options) {
            add("predict", o[0], BAD, o[1], "predict", "--model", model, "--image", face, o[2], o[3]);
        }
        add("predict", "--face-box and --landmarks together", BAD, "not both", "predict", "--model", model, "--image",
                face, "--face-box", "0,0,10,10", "--landmarks", f.images.resolve("landmarks.txt").toString());
        add("predict", "--image and --folder together", BAD, "mutually exclusive", "predict", "--model", model,
                "--image", face, "--folder", f.images.toString());
        add("predict", "no --model", BAD, "--model", "predict", "--image", face);
        String paired = f.model("spndl").toString();
        add("predict", "paired model without a neutral image", BAD, "neutral", "predict", "--model", paired, "--image", face);
        add("predict", "paired model, neutral image missing", BAD, "gone.png", "predict", "--model", paired, "--image",
                face, "--neutral", f.image("gone.png").toString());
        add("predict", "paired model, neutral image not an image", BAD, "text.png", "predict", "--model", paired,
                "--image", face, "--neutral", f.image("text.png").toString());
        add("predict", "paired model with its neutral image (valid)", OK, null, "predict", "--model", paired, "--image",
                face, "--neutral", f.image("neutral.png").toString());
    }

    private void evaluate() {
        String model = f.model("baseline").toString();
        String good = f.manifest("good.csv").toString();
        for (String m : BAD_MODELS) {
            add("evaluate", "model " + m, BAD, m, "evaluate", "--model", f.model(m).toString(), "--dataset", "manifest",
                    "--root", good);
        }
        for (String m : BAD_MANIFESTS) {
            add("evaluate", "manifest " + m, BAD, m, "evaluate", "--model", model, "--dataset", "manifest", "--root",
                    f.manifest(m).toString());
        }
        for (String m : GOOD_MANIFESTS) {
            add("evaluate", "manifest " + m + " (valid)", OK, null, "evaluate", "--model", model, "--dataset", "manifest",
                    "--root", f.manifest(m).toString());
        }
        for (String ds : List.of("ckplus", "oulu-casia", "jaffe")) {
            add("evaluate", ds + " root missing", BAD, "gone-root", "evaluate", "--model", model, "--dataset", ds,
                    "--root", f.root.resolve("gone-root").toString());
            add("evaluate", ds + " root of another layout", BAD, "images", "evaluate", "--model", model, "--dataset", ds,
                    "--root", f.images.toString());
        }
        add("evaluate", "unknown dataset", BAD, "nosuch", "evaluate", "--model", model, "--dataset", "nosuch", "--root", good);
        add("evaluate", "--split bogus", BAD, "bogus", "evaluate", "--model", model, "--dataset", "manifest", "--root",
                good, "--split", "bogus");
        add("evaluate", "--split test on a manifest without a split column", BAD, "--split test", "evaluate",
                "--model", model, "--dataset", "manifest", "--root", good, "--split", "test");
        add("evaluate", "--json into a folder", BAD, "images", "evaluate", "--model", model, "--dataset", "manifest",
                "--root", good, "--json", f.images.toString());
        add("evaluate", "paired model on images without neutral references", BAD, "neutral", "evaluate", "--model",
                f.model("spndl").toString(), "--dataset", "manifest", "--root", f.manifest("blank-subjects.csv").toString());
    }

    /** Options every training command shares, each at values outside its range. */
    private static final String[][] NUMERIC = {
            {"--epochs", "0", "-1", "1000000000"},
            {"--batch-size", "1", "-8", "abc"},
            {"--lr", "0", "NaN", "Infinity"},
            {"--noise-sigma", "-0.1", "NaN", "5"},
            {"--val-fraction", "-0.1", "0.95", "NaN"},
            {"--width", "0", "-1", "1e9"},
            {"--image-size", "16", "26000", "100000"},
            {"--crop-margin", "-0.5", "2", "NaN"},
            {"--subjects", "0", "-5", "99999999999"},
            {"--images-per-class", "0", "-1", "1000000"},
            {"--confound", "-1", "NaN", "1e6"},
            {"--z-size", "0", "-1", "100000"},
            {"--beta2", "-1", "NaN", "Infinity"},
            {"--adversary-steps", "0", "-1", "1000"},
            {"--adversaries", "0", "-1", "17"},
            {"--identity-weight", "-1", "NaN", "Infinity"},
            {"--probe-every", "-1", "-5", "abc"},
            {"--decode-threads", "0", "-2", "100000"},
    };

    private void training(String cmd) {
        for (String[] o : NUMERIC) {
            for (int i = 1; i < o.length; i++) {
                Path out = out(cmd + o[0] + i);
                add(cmd, o[0] + " " + o[i], BAD, o[0], out, cmd, o[0], o[i], "--out", out.toString());
            }
        }
        String[][] others = {
                {"--model vgg", "vgg", "--model", "vgg"},
                {"--spl-schedule decreasing", "--spl-schedule", "--spl-schedule", "0.5,0.4,1.0"},
                {"--spl-warmup 200%", "--spl-warmup", "--spl-warmup", "200%"},
                {"--class-balance bogus", "bogus", "--class-balance", "bogus"},
                {"--protocol bogus", "bogus", "--protocol", "bogus"},
                {"--init bogus", "bogus", "--init", "bogus"},
                {"--adversary-arch bogus", "bogus", "--adversary-arch", "bogus"},
                {"--adversary-input bogus", "bogus", "--adversary-input", "bogus"},
                {"--folds-file missing", "gone.json", "--folds-file", f.root.resolve("gone.json").toString()},
                {"--folds-file not JSON or CSV", "face.png", "--folds-file", f.image("face.png").toString()},
                {"--pretrained missing", "gone.safetensors", "--pretrained", f.root.resolve("gone.safetensors").toString()},
                {"--pretrained not safetensors", "text.png", "--pretrained", f.image("text.png").toString()},
                {"--repeats 0", "--repeats", "--repeats", "0"},
                {"--dataset nosuch", "nosuch", "--dataset", "nosuch"},
                {"--root given with --dataset synth", "--root", "--root", f.images.toString()},
        };
        for (String[] o : others) {
            Path out = out(cmd + o[2] + o[3].hashCode());
            add(cmd, o[0], BAD, o[1], out, cmd, o[2], o[3], "--out", out.toString());
        }
        String[][] backbones = { // face-resnet's refusals come before its weights are read from the store
                {"--backbone bogus", "bogus", "--backbone", "bogus"},
                {"--backbone face-resnet below 103 px", "--image-size", "--backbone", "face-resnet", "--image-size", "64"},
                {"--backbone face-resnet with the adversarial model", "adversarial", "--backbone", "face-resnet",
                        "--model", "adversarial", "--image-size", "112"},
                {"--backbone face-resnet with --normalise dataset", "--normalise dataset", "--backbone", "face-resnet",
                        "--normalise", "dataset", "--image-size", "112"},
        };
        for (String[] o : backbones) {
            Path out = out(cmd + String.join("", o).hashCode());
            List<String> a = new ArrayList<>(List.of(cmd));
            a.addAll(List.of(o).subList(2, o.length));
            a.addAll(List.of("--out", out.toString()));
            add(cmd, o[0], BAD, o[1], out, a.toArray(String[]::new));
        }
        Path big = out(cmd + "-memory");
        add(cmd, "batch beyond the machine's memory", BAD, "--batch-size", big, cmd, "--batch-size", "4096",
                "--image-size", "1024", "--width", "4", "--out", big.toString());
        for (String m : List.of("header-only.csv", "empty.csv", "no-label-column.csv", "unknown-labels.csv",
                "missing-images.csv", "latin1.csv", "gone.csv", "folder.csv")) {
            Path out = out(cmd + m);
            add(cmd, "manifest " + m, BAD, m, out, cmd, "--dataset", "manifest", "--root", f.manifest(m).toString(),
                    "--out", out.toString());
        }
        if (!cmd.equals("ablation")) {
            Path out = out(cmd + "resume-missing");
            add(cmd, "--resume of a folder that does not exist", BAD, out.getFileName().toString(), out, cmd, "--resume",
                    "--out", out.toString());
            add(cmd, "--resume of a folder that is not a run", BAD, "not-a-run", (Path) null, cmd, "--resume", "--out",
                    f.run("not-a-run").toString());
        }
        add(cmd, "--out names a file", BAD, "a-file", (Path) null, cmd, "--out", f.models.resolve("a-file").toString());
        if (cmd.equals("cv") || cmd.equals("ablation")) {
            for (String v : new String[] {"-1", "1", "abc"}) {
                Path o = out(cmd + "folds" + v);
                add(cmd, "--folds " + v, BAD, "--folds", o, cmd, "--folds", v, "--out", o.toString());
            }
            Path o = out(cmd + "folds-vs-subjects");
            add(cmd, "more folds than subjects", BAD, "subjects", o, cmd, "--folds", "9", "--subjects", "4", "--out",
                    o.toString());
        }
        if (cmd.equals("train")) {
            for (String v : new String[] {"-1", "0", "1"}) {
                Path o = out(cmd + "holdout" + v);
                add(cmd, "--holdout-folds " + v, BAD, "--holdout-folds", o, cmd, "--holdout-folds", v, "--out", o.toString());
            }
        }
        if (cmd.equals("ablation")) {
            Path o = out("ablation-variants");
            add(cmd, "--variants unknown", BAD, "bogus", o, cmd, "--variants", "bogus", "--out", o.toString());
            Path a = out("ablation-against");
            add(cmd, "--against unknown", BAD, "nobody", a, cmd, "--against", "nobody", "--out", a.toString());
            Path m = out("ablation-max-folds");
            add(cmd, "--max-folds -1", BAD, "--max-folds", m, cmd, "--max-folds", "-1", "--out", m.toString());
        }
    }

    private void datasetsInspect() {
        for (String ds : List.of("ckplus", "oulu-casia", "rafdb", "fer2013", "affectnet", "jaffe", "images", "manifest")) {
            add("datasets inspect", ds + " root missing", BAD, "gone-root", "datasets", "inspect", "--dataset", ds,
                    "--root", f.root.resolve("gone-root").toString());
            add("datasets inspect", ds + " root is an empty folder", BAD, "empty-folder", "datasets", "inspect",
                    "--dataset", ds, "--root", f.images.resolve("empty-folder").toString());
        }
        for (String ds : List.of("ckplus", "oulu-casia", "rafdb", "fer2013", "affectnet", "jaffe")) {
            add("datasets inspect", ds + " root of another layout", BAD, "images", "datasets", "inspect", "--dataset", ds,
                    "--root", f.images.toString());
        }
        for (String m : BAD_MANIFESTS) {
            if (!m.equals("missing-images.csv") && !m.equals("bad-images.csv")) { // listing does not decode
                add("datasets inspect", "manifest " + m, BAD, m, "datasets", "inspect", "--dataset", "manifest", "--root",
                        f.manifest(m).toString());
            }
        }
        add("datasets inspect", "manifest of unreadable images with --decode --strict", BAD, "random.png", "datasets",
                "inspect", "--dataset", "manifest", "--root", f.manifest("bad-images.csv").toString(), "--decode", "--strict");
        for (String m : GOOD_MANIFESTS) {
            add("datasets inspect", "manifest " + m + " (valid)", OK, null, "datasets", "inspect", "--dataset", "manifest",
                    "--root", f.manifest(m).toString());
        }
        add("datasets inspect", "--examples -1", BAD, "--examples", "datasets", "inspect", "--dataset", "manifest",
                "--root", f.manifest("good.csv").toString(), "--examples", "-1");
        add("datasets inspect", "unknown dataset", BAD, "nosuch", "datasets", "inspect", "--dataset", "nosuch", "--root",
                f.images.toString());
        add("datasets inspect", "--json into a folder", BAD, "images", "datasets", "inspect", "--dataset", "manifest",
                "--root", f.manifest("good.csv").toString(), "--json", f.images.toString());
    }

    private void report() {
        for (String r : List.of("not-a-run", "gone")) {
            add("report", "run folder " + r, BAD, r, "report", f.run(r).toString());
        }
        for (String r : List.of("corrupt-metrics", "corrupt-config")) { // what can be read is reported, the rest listed
            add("report", "run folder " + r + " (report of what is readable)", OK, null, "report", f.run(r).toString(),
                    "--out", out("report-" + r).resolve("report.html").toString());
        }
        add("report", "a file instead of a run folder", BAD, "face.png", "report", f.image("face.png").toString());
        add("report", "--tsne-points -1", BAD, "--tsne-points", "report", f.run("not-a-run").toString(), "--tsne-points", "-1");
        add("report", "--tsne-iterations 0", BAD, "--tsne-iterations", "report", f.run("not-a-run").toString(),
                "--tsne-iterations", "0");
        add("report", "no run folder given", BAD, "RUN", "report");
    }

    private void synth() {
        add("synth", "--out not empty", BAD, "images", "synth", "--out", f.images.toString());
        add("synth", "--out names a file", BAD, "face.png", "synth", "--out", f.image("face.png").toString());
        String[][] numeric = {
                {"--subjects", "0", "-1", "abc"},
                {"--images-per-class", "0", "-1", "100000"},
                {"--size", "8", "-1", "100000"},
                {"--mislabel-rate", "-0.1", "1.5", "NaN"},
                {"--low-quality-rate", "-0.1", "1.5", "NaN"},
                {"--occlusion-rate", "-0.1", "1.5", "NaN"},
                {"--confound", "-1", "NaN", "Infinity"},
        };
        for (String[] o : numeric) {
            for (int i = 1; i < o.length; i++) {
                Path out = out("synth" + o[0] + i);
                add("synth", o[0] + " " + o[i], BAD, o[0], out, "synth", "--out", out.toString(), o[0], o[i]);
            }
        }
        add("synth", "no --out", BAD, "--out", "synth");
    }

    private void bench() {
        add("bench", "--workload bogus", BAD, "bogus", "bench", "--workload", "bogus");
        add("bench", "--precision bf16", BAD, "bf16", "bench", "--precision", "bf16", "--workload", "infer");
        String[][] numeric = {
                {"--res", "16", "-1", "100000"},
                {"--batch", "0", "1", "-1"},
                {"--infer-batch", "0", "-1", "1000000"},
                {"--width", "0", "NaN", "-1"},
                {"--steps", "0", "-1", "abc"},
                {"--warmup", "-1", "abc", "NaN"},
                {"--latency-steps", "0", "-1", "abc"},
                {"--soak-steps", "0", "1", "-1"},
                {"--subjects", "0", "1", "-1"},
                {"--threads", "-1", "100000", "abc"},
        };
        for (String[] o : numeric) {
            for (int i = 1; i < o.length; i++) {
                add("bench", o[0] + " " + o[i], BAD, o[0], "bench", "--workload", "infer", o[0], o[i]);
            }
        }
    }

    private void export() {
        String model = f.model("baseline").toString();
        for (String m : BAD_MODELS) {
            Path out = out("export-" + m).resolve("m.onnx");
            add("export", "model " + m, BAD, m, out, "export", "--model", f.model(m).toString(), "--out", out.toString());
        }
        Path fmt = out("export-format").resolve("m.onnx");
        add("export", "--format tflite", BAD, "tflite", fmt, "export", "--model", model, "--format", "tflite", "--out",
                fmt.toString());
        add("export", "--out over an existing file without --force", BAD, "face.png", "export", "--model", model, "--out",
                f.image("face.png").toString());
        add("export", "--out names a folder", BAD, "images", "export", "--model", model, "--out", f.images.toString(),
                "--force");
        add("export", "no --out", BAD, "--out", "export", "--model", model);
        String face = f.image("face.png").toString();
        add("predict", "--engine onnx on a model folder", BAD, "baseline", "predict", "--engine", "onnx", "--model",
                model, "--image", face);
        add("predict", "--engine onnx on a file that is not ONNX", BAD, "text.png", "predict", "--engine", "onnx",
                "--model", f.image("text.png").toString(), "--image", face);
        add("predict", "--engine onnx on a truncated ONNX file", BAD, "truncated.onnx", "predict", "--engine", "onnx",
                "--model", f.models.resolve("truncated.onnx").toString(), "--image", face);
        add("predict", "--engine onnx (valid)", OK, null, "predict", "--engine", "onnx", "--model",
                f.models.resolve("baseline.onnx").toString(), "--image", face);
        add("predict", "--engine bogus", BAD, "bogus", "predict", "--engine", "bogus", "--model", model, "--image", face);
        add("evaluate", "--engine onnx on a truncated ONNX file", BAD, "truncated.onnx", "evaluate", "--engine", "onnx",
                "--model", f.models.resolve("truncated.onnx").toString(), "--dataset", "manifest", "--root",
                f.manifest("good.csv").toString());
    }

    /** {@code serve}: every refusal happens before the port is bound (a valid case would serve forever). */
    private void serve() {
        String model = f.model("baseline").toString();
        add("serve", "no --model", BAD, "--model", "serve");
        add("serve", "--port 70000", BAD, "--port", "serve", "--model", model, "--port", "70000");
        add("serve", "--port -1", BAD, "--port", "serve", "--model", model, "--port", "-1");
        add("serve", "--max-batch 0", BAD, "--max-batch", "serve", "--model", model, "--max-batch", "0");
        add("serve", "--rate -1", BAD, "--rate", "serve", "--model", model, "--rate", "-1");
        add("serve", "--max-body-mb NaN", BAD, "--max-body-mb", "serve", "--model", model, "--max-body-mb", "NaN");
        add("serve", "unknown --detector", BAD, "unknown face detector", "serve", "--model", model, "--detector", "nope");
        add("serve", "--host empty", BAD, "host", "serve", "--model", model, "--host", " ");
        for (String m : new String[] {"gone", "corrupt-json", "a-file"}) {
            add("serve", "model " + m, BAD, m, "serve", "--model", f.model(m).toString());
        }
        add("serve", "--paired-model not paired", BAD, "paired", "serve", "--model", model, "--paired-model", model,
                "--port", "0");
    }

    private void video() {
        String model = f.model("baseline").toString();
        String spndl = f.model("spndl").toString();
        String good = f.video("two.mp4").toString();
        Path outs = out("video-outputs");
        for (String v : new String[] {"empty.mp4", "text.mp4", "random.mp4", "truncated.mp4", "folder.mp4", "gone.mp4"}) {
            add("video", "video " + v, BAD, v, "video", f.video(v).toString(), "--model", model, "--no-progress");
            // with outputs asked for: refused before they are created
            add("video", "video " + v + " with --out-csv and --out-video", BAD, v, outs.resolve(v), "video", f.video(v).toString(),
                    "--model", model, "--no-progress", "--out-csv", outs.resolve(v).toString(), "--out-video",
                    outs.resolve(v + ".mp4").toString());
        }
        // Cut after some frames: exit 2 naming the frame; the rows before it stay (VideoCliTest checks them).
        add("video", "video cut mid-stream (rows up to the cut kept)", BAD, "cut-mid-stream.mp4", "video",
                f.video("cut-mid-stream.mp4").toString(), "--model", model, "--no-progress");
        add("video", "an image named .mp4 (valid: one frame)", OK, null, "video", f.video("image.mp4").toString(), "--model",
                model, "--no-progress");
        add("video", "valid video", OK, null, "video", good, "--model", model, "--no-progress");
        add("video", "valid video, paired model, --neutral first:3", OK, null, "video", good, "--model", spndl, "--neutral",
                "first:3", "--no-progress");
        for (String m : BAD_MODELS) {
            add("video", "model " + m, BAD, m, "video", good, "--model", f.model(m).toString(), "--no-progress");
        }
        add("video", "no video and no --camera", BAD, "--camera", "video", "--model", model);
        add("video", "a video and --camera", BAD, "--camera", "video", good, "--camera", "0", "--model", model);
        add("video", "--camera 0 without a capture device", BAD, "camera 0", "video", "--camera", "0", "--model", model);
        add("video", "--camera -1", BAD, "--camera", "video", "--camera", "-1", "--model", model);
        add("video", "--crop bogus", BAD, "--crop 'bogus'", "video", good, "--model", model, "--crop", "bogus", "--no-progress");
        String[][] numeric = {
                {"--every", "0", "-1", "abc"},
                {"--fps", "0", "-1", "NaN"},
                {"--batch", "0", "-1", "100000"},
                {"--queue", "0", "-1", "abc"},
                {"--min-face", "3", "-1", "NaN"},
                {"--min-score", "2", "-0.5", "NaN"},
                {"--smooth", "1", "-0.1", "NaN"},
        };
        for (String[] o : numeric) {
            for (int i = 1; i < o.length; i++) {
                add("video", o[0] + " " + o[i], BAD, o[0], "video", good, "--model", model, o[0], o[i], "--no-progress");
            }
        }
        add("video", "--every and --fps", BAD, "--every", "video", good, "--model", model, "--every", "2", "--fps", "2");
        add("video", "--detector bogus", BAD, "bogus", "video", good, "--model", model, "--detector", "bogus", "--no-progress");
        Path missing = out("video-missing-folder");
        add("video", "--out-video in a missing folder", BAD, "video-missing-folder", missing, "video", good, "--model", model,
                "--out-video", missing.resolve("a.mp4").toString(), "--no-progress");
        add("video", "--out-video names a folder", BAD, "videos", "video", good, "--model", model, "--out-video",
                f.video("x").getParent().toString(), "--no-progress");
        add("video", "--out-video over the input video", BAD, "two.mp4", "video", good, "--model", model, "--out-video", good,
                "--no-progress");
        Path csvMissing = out("video-csv-missing");
        add("video", "--out-csv in a missing folder", BAD, "video-csv-missing", csvMissing, "video", good, "--model", model,
                "--out-csv", csvMissing.resolve("rows.csv").toString(), "--no-progress");
        add("video", "--out-csv names a folder", BAD, "videos", "video", good, "--model", model, "--out-csv",
                f.video("x").getParent().toString(), "--no-progress");
        Path both = out("video-same-outputs");
        add("video", "--out-csv and --out-video the same file", BAD, "same file", both, "video", good, "--model", model,
                "--out-csv", both.resolve("x").toString(), "--out-video", both.resolve("x").toString());
        add("video", "--neutral bogus (paired model)", BAD, "bogus", "video", good, "--model", spndl, "--neutral", "bogus",
                "--no-progress");
        add("video", "--neutral first:0", BAD, "first:K", "video", good, "--model", spndl, "--neutral", "first:0", "--no-progress");
        add("video", "--neutral first:x", BAD, "first:x", "video", good, "--model", spndl, "--neutral", "first:x", "--no-progress");
        add("video", "--neutral auto without --neutral-model", BAD, "--neutral-model", "video", good, "--model", spndl, "--neutral",
                "auto", "--no-progress");
        add("video", "--neutral-model for a model needing none", BAD, "--neutral-model", "video", good, "--model", model,
                "--neutral-model", model, "--no-progress");
        add("video", "--neutral-model without a neutral class", BAD, "neutral", "video", good, "--model", spndl, "--neutral",
                "auto", "--neutral-model", model, "--no-progress");
        add("video", "--neutral-model paired, without a neutral class (not a ranker)", BAD, "--neutral-model", "video", good, "--model", spndl, "--neutral",
                "auto", "--neutral-model", spndl, "--no-progress");
        String face = f.image("face.png").toString();
        add("video", "--neutral-of with --neutral", BAD, "give one of them", "video", good, "--model", spndl, "--neutral-of",
                "ann=" + face, "--neutral", "first:3", "--no-progress");
        add("video", "--neutral-of with --neutral-model", BAD, "--neutral-model", "video", good, "--model", spndl, "--neutral-of",
                "ann=" + face, "--neutral-model", model, "--no-progress");
        add("video", "--neutral-of neither ID=FILE nor a folder", BAD, "ID=FILE", "video", good, "--model", spndl, "--neutral-of",
                face, "--no-progress");
        add("video", "--neutral-of with an empty id", BAD, "person id is empty", "video", good, "--model", spndl, "--neutral-of",
                "=" + face, "--no-progress");
        add("video", "--neutral-of a missing photo", BAD, "no-one.png", "video", good, "--model", spndl, "--neutral-of",
                "ann=" + f.root.resolve("no-one.png"), "--no-progress");
        add("video", "--neutral-of the same id twice", BAD, "enrolled twice", "video", good, "--model", spndl, "--neutral-of",
                "ann=" + face, "--neutral-of", "ann=" + face, "--no-progress");
        add("video", "--neutral-of an empty folder", BAD, "no neutral photos", "video", good, "--model", spndl, "--neutral-of",
                f.video("x").getParent().resolve("folder.mp4").toString(), "--no-progress");
        add("video", "--neutral-of with an unpaired model", BAD, "paired models", "video", good, "--model", model, "--neutral-of",
                "ann=" + face, "--no-progress");
        add("video", "--neutral-of --match-distance 0", BAD, "--match-distance", "video", good, "--model", spndl, "--neutral-of",
                "ann=" + face, "--match-distance", "0", "--no-progress");
    }

    /** {@code predict --detector}: raw photos. */
    private void photos() {
        String model = f.model("baseline").toString();
        String spndl = f.model("spndl").toString();
        String face = f.image("face.png").toString();
        for (String img : new String[] {"truncated.png", "random.jpg", "empty.png", "text.png", "folder.png", "huge-header.png", "gone.png"}) {
            add("predict --detector", "photo " + img, BAD, img, "predict", "--model", model, "--detector", "haar", "--image",
                    f.image(img).toString());
        }
        add("predict --detector", "photo of a drawn face (valid)", OK, null, "predict", "--model", model,
                "--detector", "haar", "--image", face);
        add("predict --detector", "photo without a face (valid: empty result)", OK, null, "predict", "--model", model,
                "--detector", "haar", "--image", f.image("translucent.png").toString());
        add("predict --detector", "folder of unreadable photos", BAD, "bad-folder", "predict", "--model", model, "--detector",
                "haar", "--folder", f.images.resolve("bad-folder").toString());
        add("predict --detector", "folder with no images", BAD, "empty-folder", "predict", "--model", model, "--detector", "haar",
                "--folder", f.images.resolve("empty-folder").toString());
        add("predict --detector", "--detector bogus", BAD, "bogus", "predict", "--model", model, "--detector", "bogus", "--image", face);
        add("predict --detector", "--detector and --no-detect", BAD, "--no-detect", "predict", "--model", model, "--detector",
                "haar", "--no-detect", "--image", face);
        add("predict --detector", "--face-box with --detector", BAD, "--face-box", "predict", "--model", model, "--detector",
                "haar", "--face-box", "0,0,10,10", "--image", face);
        add("predict --detector", "--annotate without --detector", BAD, "--annotate", "predict", "--model", model, "--annotate",
                out("annotate-no-detector").resolve("a.png").toString(), "--image", face);
        add("predict --detector", "--annotate names a folder for one image", BAD, "images", "predict", "--model", model,
                "--detector", "haar", "--annotate", f.images.toString(), "--image", face);
        add("predict --detector", "--annotate names a file for a folder", BAD, "face.png", "predict", "--model", model,
                "--detector", "haar", "--annotate", face, "--folder", f.images.resolve("good").toString());
        add("predict --detector", "--min-score 2", BAD, "--min-score", "predict", "--model", model, "--detector", "haar",
                "--min-score", "2", "--image", face);
        add("predict --detector", "--min-face 3", BAD, "--min-face", "predict", "--model", model, "--detector", "haar",
                "--min-face", "3", "--image", face);
        add("predict --detector", "paired model without --neutral", BAD, "neutral", "predict", "--model", spndl, "--detector",
                "haar", "--image", face);
        add("predict --detector", "--neutral photo missing", BAD, "gone.png", "predict", "--model", spndl, "--detector", "haar",
                "--image", face, "--neutral", f.image("gone.png").toString());
        add("predict --detector", "--format yaml", BAD, "yaml", "predict", "--model", model, "--detector", "haar", "--format",
                "yaml", "--image", face);
        add("predict --detector", "--crop bogus", BAD, "--crop 'bogus'", "predict", "--model", model, "--detector", "haar",
                "--crop", "bogus", "--image", face);
        add("predict --detector", "--crop landmarks without --detector", BAD, "needs --detector", "predict", "--model", model,
                "--crop", "landmarks", "--image", face);
        add("predict --detector", "--neutral-auto-from folder missing", BAD, "not a folder", "predict", "--model", spndl,
                "--detector", "haar", "--image", face, "--neutral-auto-from", f.root.resolve("no-people").toString());
        add("predict --detector", "--neutral-auto-from with an unpaired model", BAD, "paired models", "predict", "--model", model,
                "--detector", "haar", "--image", face, "--neutral-auto-from", f.images.resolve("good").toString());
        add("predict --detector", "--match-distance 0", BAD, "--match-distance", "predict", "--model", spndl, "--detector", "haar",
                "--image", face, "--neutral-auto-from", f.images.resolve("good").toString(), "--match-distance", "0");
    }

    private Path out(String name) {
        return f.root.resolve("out").resolve(name.replaceAll("[^A-Za-z0-9.-]+", "_"));
    }

    private void add(String entry, String what, int exit, String mentions, String... args) {
        add(entry, what, exit, mentions, null, args);
    }

    /**
     * Tiny sizes for every option a training case does not set itself, so that a check that fails to
     * refuse costs seconds, not a default-sized training.
     */
    private static final String[][] SAFE = {{"--subjects", "6"}, {"--images-per-class", "1"}, {"--epochs", "3"},
            {"--spl-schedule", "0.5,1.0"},
            {"--image-size", "32"}, {"--width", "0.0625"}, {"--no-progress", null}};

    private void add(String entry, String what, int exit, String mentions, Path out, String... args) {
        if (List.of("train", "cv", "ablation").contains(entry)) {
            List<String> all = new ArrayList<>(List.of(args));
            for (String[] d : SAFE) {
                if (!all.contains(d[0])) {
                    all.add(d[0]);
                    if (d[1] != null) {
                        all.add(d[1]);
                    }
                }
            }
            if (!entry.equals("train") && !all.contains("--folds")) {
                all.add("--folds");
                all.add("2");
            }
            args = all.toArray(String[]::new);
        }
        String id = entry.replace(' ', '-') + "-" + String.format("%03d", cases.stream().filter(c -> c.entry().equals(entry)).count() + 1);
        cases.add(new Case(entry, id, what, List.of(args), exit, mentions, out));
    }
}
