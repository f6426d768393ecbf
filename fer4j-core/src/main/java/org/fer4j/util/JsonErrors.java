package org.fer4j.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Jackson's error messages for a user: the problem and where it is ({@code line 3, column 14}), without
 * the library's "Source: REDACTED (StreamReadFeature...)" location boilerplate or its multi-line tail.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof JsonProcessingException j) {
            String what = j.getOriginalMessage() == null ? "invalid JSON" : j.getOriginalMessage().split("\n")[0];
            JsonLocation at = j.getLocation();
            return at == null || at.getLineNr() < 0 ? what : "line " + at.getLineNr() + ", column " + at.getColumnNr()
                    + ": " + what;
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.split("\n")[0];
    }
}
