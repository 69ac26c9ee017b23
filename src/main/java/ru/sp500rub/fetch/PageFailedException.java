package ru.sp500rub.fetch;

import java.net.URI;

/** A page lost for good after the policy's retries: named in the run summary, the run goes on. */
public final class PageFailedException extends Exception {

    private final URI url;
    private final String reason;
    private final boolean deterministic;

    public PageFailedException(URI url, String reason, boolean deterministic, Throwable cause) {
        super(reason + " from " + Untrusted.quote(String.valueOf(url)), cause, false, false);
        this.url = url;
        this.reason = reason;
        this.deterministic = deterministic;
    }

    public URI url() {
        return url;
    }

    /** Without the URL, for the breaker and the summary: "HTTP 503 (after 4 retries)". */
    public String reason() {
        return reason;
    }

    public boolean isDeterministic() {
        return deterministic;
    }
}
