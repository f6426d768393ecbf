package org.fer4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.fer4j.data.Dataset;
import org.fer4j.data.Sample;

/**
 * Decides whether a run folder may be continued with {@code --resume}. A checkpoint stores sample
 * indices and optimiser state, so continuing it under another learning rate, schedule, seed, model,
 * dataset or code version would silently train a different experiment than {@code config.json} claims
 * (and a changed fold list would move training subjects into the test part). The run's recorded
 * configuration is compared with the new one, key by key, and every difference is named.
 */
public final class ResumeCheck {
    /** The {@code config.json} keys that must be equal for a run to continue. */
    public static final List<String> KEYS = List.of("command", "variant", "seed", "model", "train", "self_paced",
            "protocol", "folds", "fold_subjects", "dataset_fingerprint", "code_version");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResumeCheck() {
    }

    /**
     * A fingerprint of a dataset listing: SHA-256 over every sample's id, label, subject, sequence,
     * split, image and neutral reference, and face boxes, in order. Another dataset, a changed
     * {@code --subjects}, a relabelled or re-paired sample, or a different order all change it.
     */
    public static String fingerprint(Dataset ds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ds.name().getBytes(StandardCharsets.UTF_8));
            for (Sample s : ds.samples()) {
                String row = String.join("\u001f", s.id(), s.label().name(), String.valueOf(s.subject()),
                        String.valueOf(s.sequence()), s.split().name(), s.image().describe(),
                        s.neutral() == null ? "-" : s.neutral().describe(), String.valueOf(s.box()),
                        String.valueOf(s.neutralBox()));
                sha.update(row.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The differences between a recorded {@code config.json} and the configuration a resumed run
     * would write, one readable line each ({@code train.learningRate: 0.001 -> 0.002}); empty when
     * the run may continue.
     */
    public static List<String> changes(JsonNode recorded, Map<String, Object> now) {
        JsonNode current = JSON.valueToTree(now);
        List<String> out = new ArrayList<>();
        for (String key : KEYS) {
            diff(key, recorded.get(key), current.get(key), out);
        }
        return out;
    }

    /**
     * Refuses to resume {@code runDir} when its recorded configuration differs from {@code now}.
     *
     * @throws IllegalArgumentException naming every changed option, unless {@code force}
     * @throws IOException when the recorded {@code config.json} cannot be read
     */
    public static List<String> require(Path configFile, Map<String, Object> now, boolean force) throws IOException {
        if (!Files.isRegularFile(configFile)) {
            return List.of();
        }
        JsonNode recorded;
        try {
            recorded = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new IOException(configFile + ": unreadable run configuration (" + org.fer4j.util.JsonErrors.describe(e)
                    + "); start a new run folder", e);
        }
        List<String> changed = changes(recorded, now);
        if (!changed.isEmpty() && !force) {
            throw new IllegalArgumentException("--resume: " + configFile.getParent() + " was started with another "
                    + "configuration; continuing would train a different experiment than it records:\n  "
                    + String.join("\n  ", changed) + "\nresume with the run's own options, start a new run folder, or"
                    + " add --force-resume to continue anyway");
        }
        return changed;
    }

    private static void diff(String path, JsonNode was, JsonNode is, List<String> out) {
        if (was == null || was.isNull()) {
            if (is != null && !is.isNull()) {
                out.add(path + ": not recorded -> " + brief(is));
            }
            return;
        }
        if (is == null || is.isNull()) {
            out.add(path + ": " + brief(was) + " -> absent");
            return;
        }
        if (was.isObject() && is.isObject()) {
            for (Iterator<String> it = was.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                diff(path + "." + f, was.get(f), is.get(f), out);
            }
            for (Iterator<String> it = is.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!was.has(f)) {
                    diff(path + "." + f, null, is.get(f), out);
                }
            }
            return;
        }
        if (was.isArray() && is.isArray() && was.size() == is.size()) {
            List<String> inner = new ArrayList<>();
            for (int i = 0; i < was.size(); i++) {
                diff(path + "[" + i + "]", was.get(i), is.get(i), inner);
            }
            if (!inner.isEmpty()) {
                out.add(path + ": " + brief(was) + " -> " + brief(is));
            }
            return;
        }
        // Integers (seeds) compare exactly; other numbers at float precision, since a float written by one
        // run reads back as a double.
        boolean changed = was.isIntegralNumber() && is.isIntegralNumber() ? was.asLong() != is.asLong()
                : was.isNumber() && is.isNumber() ? (float) was.asDouble() != (float) is.asDouble() : !was.equals(is);
        if (changed) {
            out.add(path + ": " + brief(was) + " -> " + brief(is));
        }
    }

    private static String brief(JsonNode n) {
        String s = n.isTextual() ? n.asText() : n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
