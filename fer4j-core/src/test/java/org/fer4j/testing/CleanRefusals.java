package org.fer4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The contract every fuzz target checks: a reader given hostile bytes either reads them or refuses
 * with an {@link IOException} or {@link IllegalArgumentException} that has a message. Anything else
 * (a NullPointerException, an index out of bounds, an OutOfMemoryError from a size read off the file)
 * is a finding.
 */
public final class CleanRefusals {
    private CleanRefusals() {
    }

    /** A read that may throw. */
    public interface Reader {
        void read() throws Exception;
    }

    public static void expect(Reader r) {
        try {
            r.read();
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a refusal without a message", e);
            }
        } catch (Exception e) {
            throw new AssertionError("reader failed with " + e, e);
        }
    }
}
