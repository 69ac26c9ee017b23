package ru.sp500rub.fetch;

import java.net.URI;

/** A page lost for good after the policy's retries: named in the run summary, the run goes on. */
public final class PageFailedException extends Exception {

    private final URI url;
    private final String reason;
    private final String kind;
    private final boolean deterministic;

    /** {@code last} is the last attempt's failure: its reason is the page's kind of failure. */
    public PageFailedException(URI url, String reason, boolean deterministic, FetchException last) {
        super(reason + " from " + Untrusted.quote(String.valueOf(url)), last, false, false);
        this.url = url;
        this.reason = reason;
        this.kind = last.reason();
        this.deterministic = deterministic;
    }

    public URI url() {
        return url;
    }

    /** Without the URL, for the breaker and the summary: "HTTP 503 (after 4 retries)". */
    public String reason() {
        return reason;
    }

    /**
     * The last attempt's failure alone, the same for every page that failed the same way ("HTTP 503"),
     * for the breaker to compare: {@link #reason()} adds how many retries, or that the budget was spent.
     */
    public String kind() {
        return kind;
    }

    public boolean isDeterministic() {
        return deterministic;
    }
}
