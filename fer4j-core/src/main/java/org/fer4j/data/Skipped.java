package org.fer4j.data;

/** Something an adapter or loader left out, and why: reported to the user, never silently dropped. */
public record Skipped(String source, String reason) {
    @Override
    public String toString() {
        return source + ": " + reason;
    }
}
