package org.fer4j.vision.store;

import java.nio.file.Path;

/** A stored or downloaded file whose bytes are not the pinned ones: it is never loaded. */
public final class ModelCorruptException extends IllegalStateException {
    private final transient Path file;
    private final String expected;
    private final String actual;

    public ModelCorruptException(String what, Path file, String expected, String actual, String fix) {
        this(what, file, "sha-256", expected, actual, fix);
    }

    public ModelCorruptException(String what, Path file, String algorithm, String expected, String actual, String fix) {
        super(what + " " + file + ": " + algorithm + " expected " + expected + ", actual " + actual + ". " + fix);
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    public Path file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
