package ru.sp500rub.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The site asked us to slow down (HTTP 429, or 503 with Retry-After). The wait it asked for, if any, is
 * already parsed and checked ({@link RetryAfter}).
 */
public final class ThrottledException extends FetchException {

    private final int status;
    private final Optional<Duration> retryAfter;

    public ThrottledException(URI url, int status, Optional<Duration> retryAfter) {
        super(url, Statuses.text(status) + retryAfter.map(d -> " (Retry-After " + d.toSeconds() + " s)").orElse(""), null);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    @Override
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean isPushback() {
        return true;
    }
}
