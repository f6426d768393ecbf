package org.fer4j.report;

import java.util.Objects;

/**
 * One recorded file's content, or the reason it is absent. A report shows a section from what is
 * present and marks it absent (with the reason) otherwise, so a partial run folder never crashes it.
 */
public record Recorded<T>(T value, String absent) {
    public Recorded {
        if ((value == null) == (absent == null)) {
            throw new IllegalArgumentException("exactly one of value and absent reason must be given");
        }
    }

    public static <T> Recorded<T> of(T value) {
        return new Recorded<>(Objects.requireNonNull(value), null);
    }

    public static <T> Recorded<T> missing(String reason) {
        return new Recorded<>(null, reason);
    }

    public boolean present() {
        return value != null;
    }
}
