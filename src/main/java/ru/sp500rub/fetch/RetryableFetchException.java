package ru.sp500rub.fetch;

import java.net.URI;

/** A fault that another attempt may not meet: HTTP 5xx, a reset, a timeout, an empty answer. */
public final class RetryableFetchException extends FetchException {

    /** What kind of fault, for the limiter (a 503 and a timeout are pushback; a reset is not). */
    public enum Kind {
        SERVER_ERROR(false), UNAVAILABLE(true), TIMEOUT(true), CONNECTION(false), EMPTY(false);

        private final boolean pushback;

        Kind(boolean pushback) {
            this.pushback = pushback;
        }
    }

    private final Kind kind;
    private final int status;

    public RetryableFetchException(URI url, Kind kind, String reason, Throwable cause) {
        this(url, kind, 0, reason, cause);
    }

    /** A fault the site answered with a status (5xx, 408, an empty 200). */
    public RetryableFetchException(URI url, Kind kind, int status, String reason, Throwable cause) {
        super(url, reason, cause);
        this.kind = kind;
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public boolean isPushback() {
        return kind.pushback;
    }
}
