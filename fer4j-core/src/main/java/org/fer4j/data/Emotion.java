package org.fer4j.data;

import java.util.Locale;

/**
 * The canonical expression names used everywhere in fer4j. Every dataset adapter maps its own codes
 * onto these through a {@link LabelMap}, so no label order is ever implied by a position in a file.
 */
public enum Emotion {
    NEUTRAL, ANGER, CONTEMPT, DISGUST, FEAR, HAPPINESS, SADNESS, SURPRISE;

    /** Lower-case name as written in manifests, reports and model files. */
    public String canonicalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a canonical name (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Emotion parse(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (Emotion e : values()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown label '" + name + "'; expected one of "
                + java.util.Arrays.stream(values()).map(Emotion::canonicalName).toList());
    }
}
