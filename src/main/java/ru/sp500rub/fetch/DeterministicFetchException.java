package ru.sp500rub.fetch;

import java.net.URI;

/**
 * Asking again would get the same answer: a redirect loop, too many redirects, an unsupported scheme or
 * content encoding, bad gzip, a page over the size cap, HTTP 404 and the other 4xx. Never retried.
 */
public final class DeterministicFetchException extends FetchException {

    private final int status;

    public DeterministicFetchException(URI url, String reason, Throwable cause) {
        this(url, 0, reason, cause);
    }

    public DeterministicFetchException(URI url, int status, String reason, Throwable cause) {
        super(url, reason, cause);
        this.status = status;
    }

    /** The HTTP status that was final (404...), or 0 when the failure was not a status. */
    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean isPushback() {
        return false;
    }
}
