package org.fer4j.serve;

/**
 * A request the server refuses, with the HTTP status and the JSON body it becomes
 * ({@code {"error": code, "detail": text}}): clients see what went wrong, never a stack trace.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, 0);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} when positive (429, 503) */
    public ApiException(int status, String code, String detail, int retryAfterSeconds) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error has a 4xx or 5xx status, got " + status);
        }
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** A stable machine-readable code, e.g. {@code unsupported_media}. */
    public String code() {
        return code;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
