package org.fer4j.data.synth;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Sample;
import org.fer4j.data.Split;
import org.fer4j.util.AtomicFiles;

/**
 * The built-in synthetic paired faces: the embedded default data, so that every method, protocol and
 * figure runs with no download. Like CK+, every target is the last frame of a recorded sequence whose
 * first frame is the subject's neutral reference; both frames share the session's lighting and pose. Identity deliberately confounds expression (resting traits overlap expression cues, see
 * {@link SubjectTraits}), the situation of the SPNDL paper's Fig. 1: a classifier of the target alone is
 * fooled where the difference to the person's own neutral face is not.
 */
public final class SyntheticFaces {
    public static final LabelSet LABELS = LabelSet.CK_PLUS_7;

    private SyntheticFaces() {
    }

    /** Generation parameters of one target (for tests and diagnostics). */
    public record TargetInfo(String id, String subject, Emotion trueLabel, Emotion label, double intensity,
                             FaceGeometry geometry, boolean lowQuality, boolean mislabelled) {
    }

    /** The dataset plus what generated it. */
    public record Generated(Dataset dataset, List<SubjectTraits> subjects, List<TargetInfo> targets) {
    }

    public static Dataset generate(SyntheticConfig config) {
        return generateWithInfo(config).dataset();
    }

    public static Generated generateWithInfo(SyntheticConfig c) {
        List<Sample> samples = new ArrayList<>();
        List<SubjectTraits> subjects = new ArrayList<>();
        List<TargetInfo> infos = new ArrayList<>();
        for (int s = 0; s < c.subjects(); s++) {
            String subject = String.format("S%03d", s + 1);
            SubjectTraits t = SubjectTraits.draw(subject, new Random(mix(c.seed(), s, -1, -1)), c.confound());
            subjects.add(t);
            for (int k = 0; k < LABELS.size(); k++) {
                Emotion e = LABELS.get(k);
                for (int i = 0; i < c.imagesPerClass(); i++) {
                    // One recorded sequence per target, as in CK+: its first frame is the neutral
                    // reference, its last frame the target, and both share the session's lighting and pose.
                    Random r = new Random(mix(c.seed(), s, k, i + 1));
                    FaceRenderer.Nuisance session = FaceRenderer.Nuisance.draw(r, 0, false);
                    double intensity = 0.35 + 0.65 * r.nextDouble();
                    boolean low = r.nextDouble() < c.lowQualityRate();
                    boolean wrong = r.nextDouble() < c.mislabelRate();
                    Emotion label = wrong ? LABELS.get((k + 1 + r.nextInt(LABELS.size() - 1)) % LABELS.size()) : e;
                    String sequence = e.canonicalName() + "-" + (i + 1);
                    String id = subject + "_" + e.canonicalName() + "_" + (i + 1);
                    BufferedImage neutralImg = FaceRenderer.render(t, t.resting(), session.frame(r, 0, false),
                            c.renderSize(), r);
                    ImageRef neutral = new ImageRef.MemoryImage(id + "_neutral", neutralImg);
                    FaceGeometry geo = t.resting().plus(FaceGeometry.change(e), intensity);
                    BufferedImage img = FaceRenderer.render(t, geo, session.frame(r, c.occlusionRate(), low),
                            c.renderSize(), r);
                    samples.add(new Sample(id, new ImageRef.MemoryImage(id, img), label, subject, sequence,
                            Split.UNSPECIFIED, neutral, null, null));
                    infos.add(new TargetInfo(id, subject, e, label, intensity, geo, low, wrong));
                }
            }
        }
        return new Generated(new Dataset("synth", LABELS, samples, List.of()), subjects, infos);
    }

    /**
     * Writes the set in the generic manifest layout: {@code images/<subject>/<id>.png} and
     * {@code manifest.csv} with {@code path,label,subject,neutral} (paths relative to the CSV), the
     * manifest last and atomically so a reader never sees a half-written set.
     *
     * @throws IOException if {@code out} is a non-empty folder that is not a previous synthetic set
     */
    public static Path writeManifest(Dataset ds, Path out) throws IOException {
        if (Files.isDirectory(out) && !Files.exists(out.resolve("manifest.csv"))) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(out + ": folder is not empty and holds no manifest.csv; choose an empty or new folder");
                }
            }
        }
        Path images = out.resolve("images");
        Files.createDirectories(images);
        StringBuilder csv = new StringBuilder("path,label,subject,neutral\n");
        java.util.Set<String> writtenNeutrals = new java.util.HashSet<>();
        for (Sample s : ds.samples()) {
            Path dir = images.resolve(s.subject());
            Files.createDirectories(dir);
            String rel = "images/" + s.subject() + "/" + s.id() + ".png";
            ImageIO.write(s.image().read(), "png", out.resolve(rel).toFile());
            String neutralRel = "";
            if (s.hasNeutral()) {
                String name = s.neutral() instanceof ImageRef.MemoryImage m ? m.id()
                        : s.neutral().describe().replaceAll("^.*[/\\\\]", "").replaceAll("\\.[^.]*$", "");
                neutralRel = "images/" + s.subject() + "/" + name + ".png";
                if (writtenNeutrals.add(neutralRel)) {
                    ImageIO.write(s.neutral().read(), "png", out.resolve(neutralRel).toFile());
                }
            }
            csv.append(rel).append(',').append(s.label().canonicalName()).append(',').append(s.subject()).append(',')
                    .append(neutralRel).append('\n');
        }
        Path manifest = out.resolve("manifest.csv");
        AtomicFiles.writeString(manifest, csv.toString());
        return manifest;
    }

    static long mix(long seed, int subject, int cls, int image) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (long v : new long[] {subject, cls, image}) {
            h = (h ^ (v + 0x632BE59BD9B4E019L)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        return h;
    }

    /** A contact sheet: one row per subject, neutral first then each class (for looking at the set). */
    public static BufferedImage contactSheet(Dataset ds, int subjects) throws IOException {
        List<String> subj = ds.subjects().subList(0, Math.min(subjects, ds.subjects().size()));
        int cell = 64;
        int cols = LABELS.size() + 1;
        BufferedImage sheet = new BufferedImage(cols * cell, subj.size() * cell, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = sheet.createGraphics();
        for (int row = 0; row < subj.size(); row++) {
            String sid = subj.get(row);
            List<Sample> ofSubject = ds.samples().stream().filter(x -> x.subject().equals(sid)).toList();
            g.drawImage(ofSubject.get(0).neutral().read(), 0, row * cell, cell, cell, null);
            for (int k = 0; k < LABELS.size(); k++) {
                String cls = LABELS.get(k).canonicalName();
                Sample first = ofSubject.stream().filter(x -> x.sequence().startsWith(cls + "-")).findFirst().orElseThrow();
                g.drawImage(first.image().read(), (k + 1) * cell, row * cell, cell, cell, null);
            }
        }
        g.dispose();
        return sheet;
    }
}
