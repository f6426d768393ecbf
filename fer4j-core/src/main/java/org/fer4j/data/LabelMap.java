package org.fer4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One dataset's label codes onto the canonical {@link Emotion}s, written out as a table: every code the
 * dataset uses is either mapped to an emotion or dropped with the protocol's reason. No label order is
 * implied by a position anywhere, and each adapter's table is asserted entry by entry in a test.
 */
public final class LabelMap {

    /** One row of the table: the dataset's code, and either its emotion or why the protocol drops it. */
    public record Entry(String code, Emotion emotion, String dropReason) {
        public Entry {
            if (code == null || code.isBlank() || (emotion == null) == (dropReason == null)) {
                throw new IllegalArgumentException("a label map entry needs a code and exactly one of emotion or drop"
                        + " reason, got " + code + " → " + emotion + " / " + dropReason);
            }
        }
    }

    private final String dataset;
    private final boolean ignoreCase;
    private final Map<String, Entry> byCode;

    private LabelMap(String dataset, boolean ignoreCase, Map<String, Entry> byCode) {
        this.dataset = dataset;
        this.ignoreCase = ignoreCase;
        this.byCode = byCode;
    }

    public static Builder builder(String dataset) {
        return new Builder(dataset);
    }

    /** Builds a table row by row; a code given twice is an error. */
    public static final class Builder {
        private final String dataset;
        private final List<Entry> entries = new ArrayList<>();
        private boolean ignoreCase;

        private Builder(String dataset) {
            this.dataset = dataset;
        }

        public Builder map(String code, Emotion emotion) {
            entries.add(new Entry(code, emotion, null));
            return this;
        }

        public Builder drop(String code, String reason) {
            entries.add(new Entry(code, null, reason));
            return this;
        }

        /** Codes are names (folder names, CSV values) matched without regard to case. */
        public Builder ignoreCase() {
            ignoreCase = true;
            return this;
        }

        public LabelMap build() {
            Map<String, Entry> map = new LinkedHashMap<>();
            for (Entry e : entries) {
                String key = ignoreCase ? e.code().toLowerCase(Locale.ROOT) : e.code();
                if (map.put(key, e) != null) {
                    throw new IllegalArgumentException(dataset + " label map lists code '" + e.code() + "' twice");
                }
            }
            return new LabelMap(dataset, ignoreCase, map);
        }
    }

    public String dataset() {
        return dataset;
    }

    /** The table in the order it was written. */
    public List<Entry> entries() {
        return List.copyOf(byCode.values());
    }

    private Entry entry(String code) {
        String key = code == null ? "" : code.trim();
        return byCode.get(ignoreCase ? key.toLowerCase(Locale.ROOT) : key);
    }

    /** Whether the dataset defines {@code code} at all (mapped or dropped). */
    public boolean known(String code) {
        return entry(code) != null;
    }

    /** The emotion of {@code code}; empty when the code is dropped or unknown. */
    public Optional<Emotion> emotion(String code) {
        Entry e = entry(code);
        return e == null ? Optional.empty() : Optional.ofNullable(e.emotion());
    }

    /**
     * Why {@code code} gives no emotion: the protocol's reason for a dropped code, or, for an unknown one,
     * a message listing the codes this dataset uses.
     */
    public String whyNot(String code) {
        Entry e = entry(code);
        if (e != null && e.dropReason() != null) {
            return dataset + " code '" + e.code() + "' is dropped: " + e.dropReason();
        }
        return "unknown label code '" + code + "' for " + dataset + "; known codes: "
                + byCode.values().stream().map(Entry::code).toList();
    }

    /** A printable two-column table (code → canonical name or "dropped: reason"). */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(4, byCode.values().stream().mapToInt(e -> e.code().length()).max().orElse(4));
        for (Entry e : byCode.values()) {
            sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %s%n", e.code(),
                    e.emotion() != null ? e.emotion().canonicalName() : "(dropped: " + e.dropReason() + ")"));
        }
        return sb.toString();
    }
}
