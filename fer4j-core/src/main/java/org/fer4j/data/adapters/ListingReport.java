package org.fer4j.data.adapters;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fer4j.data.Dataset;
import org.fer4j.data.Emotion;
import org.fer4j.data.Sample;
import org.fer4j.data.Skipped;
import org.fer4j.data.Split;

/**
 * What {@code fer4j datasets inspect} prints: counts per class (and per split where the dataset has one),
 * subjects, sequences, pairs, and what was left out, grouped by reason with a few examples each.
 */
public record ListingReport(String dataset, String description, int samples, int subjects, int sequences, long pairs,
                            Map<Emotion, Map<Split, Integer>> perClass, List<String> notes,
                            Map<String, List<String>> excluded, Map<String, List<String>> skipped) {

    public static ListingReport of(Listing listing, String description) {
        Dataset ds = listing.dataset();
        Map<Emotion, Map<Split, Integer>> perClass = new LinkedHashMap<>();
        for (Emotion e : ds.labels().classes()) {
            perClass.put(e, new EnumMap<>(Split.class));
        }
        Set<String> subjects = new HashSet<>();
        Set<String> sequences = new HashSet<>();
        for (Sample s : ds.samples()) {
            perClass.get(s.label()).merge(s.split(), 1, Integer::sum);
            if (s.subject() != null) {
                subjects.add(s.subject());
                if (s.sequence() != null) {
                    sequences.add(s.subject() + "/" + s.sequence());
                }
            }
        }
        return new ListingReport(ds.name(), description, ds.size(), subjects.size(), sequences.size(), ds.pairs(), perClass,
                listing.notes(), byKind(listing.excluded()), byKind(ds.skipped()));
    }

    /** The reason with its specifics (paths, file names, quoted values) masked, so alike entries group together. */
    static String kind(String reason) {
        return reason.replaceAll("'[^']*'", "'…'")
                .replaceAll("\\S*[/\\\\]\\S*", "…")
                .replaceAll("\\S+\\.(?i:png|jpe?g|bmp|gif|tiff?|txt|npy|csv)\\b", "…");
    }

    private static Map<String, List<String>> byKind(List<Skipped> entries) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Skipped s : entries) {
            m.computeIfAbsent(kind(s.reason()), k -> new ArrayList<>()).add(s.toString());
        }
        return m;
    }

    public int excludedCount() {
        return excluded.values().stream().mapToInt(List::size).sum();
    }

    public int skippedCount() {
        return skipped.values().stream().mapToInt(List::size).sum();
    }

    /** Count of class {@code e} over all splits. */
    public int count(Emotion e) {
        return perClass.getOrDefault(e, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The printable report; {@code examples} entries shown per reason ({@code 0}: all). */
    public String toText(int examples) {
        StringBuilder sb = new StringBuilder();
        sb.append(dataset).append(": ").append(description).append('\n');
        notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
        sb.append(String.format(Locale.ROOT, "samples %d, subjects %s, sequences %s, pairs %d (targets with a neutral reference)%n",
                samples, subjects == 0 ? "unknown" : Integer.toString(subjects), sequences == 0 ? "-" : Integer.toString(sequences),
                pairs));
        List<Split> splits = perClass.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
        boolean bySplit = !(splits.size() == 1 && splits.get(0) == Split.UNSPECIFIED) && !splits.isEmpty();
        sb.append(String.format(Locale.ROOT, "%-10s %8s", "class", "samples"));
        if (bySplit) {
            splits.forEach(s -> sb.append(String.format(Locale.ROOT, " %11s", s.name().toLowerCase(Locale.ROOT))));
        }
        sb.append('\n');
        perClass.forEach((e, m) -> {
            sb.append(String.format(Locale.ROOT, "%-10s %8d", e.canonicalName(), count(e)));
            if (bySplit) {
                splits.forEach(s -> sb.append(String.format(Locale.ROOT, " %11d", m.getOrDefault(s, 0))));
            }
            sb.append('\n');
        });
        section(sb, "left out by the protocol", excluded, examples);
        section(sb, "skipped (problems)", skipped, examples);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, Map<String, List<String>> groups, int examples) {
        int n = groups.values().stream().mapToInt(List::size).sum();
        sb.append(title).append(": ").append(n).append('\n');
        groups.forEach((kind, entries) -> {
            sb.append(String.format(Locale.ROOT, "  %6d × %s%n", entries.size(), kind));
            int show = examples <= 0 ? entries.size() : Math.min(examples, entries.size());
            for (int i = 0; i < show; i++) {
                sb.append("           ").append(entries.get(i)).append('\n');
            }
        });
    }
}
