package ru.sp500rub.fetch;

import java.net.URI;
import java.util.Objects;

/**
 * One attempt at a page failed. The subtype tells the error policy what to do, never the message:
 * {@link RetryableFetchException} (ask again after a back-off), {@link ThrottledException} (the site
 * asked us to slow down: wait, and let the shared limit back off) and {@link DeterministicFetchException}
 * (asking again would give the same answer). The message names the URL, escaped.
 */
public abstract sealed class FetchException extends Exception
        permits RetryableFetchException, ThrottledException, DeterministicFetchException {

    private final URI url;
    private final String reason;

    FetchException(URI url, String reason, Throwable cause) {
        super(reason + " from " + Untrusted.quote(String.valueOf(url)), cause, false, false);
        this.url = Objects.requireNonNull(url, "url");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public URI url() {
        return url;
    }

    /** What went wrong, without the URL: "HTTP 503", "page larger than 4194304 bytes". */
    public String reason() {
        return reason;
    }

    /** The HTTP status the site answered with, or 0 when there was no answer (reset, timeout...). */
    public int status() {
        return 0;
    }

    /** True when the site said, or showed, that it is overloaded: the shared limit should hear of it. */
    public abstract boolean isPushback();
}
