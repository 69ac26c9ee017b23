package ru.sp500rub.cluster;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.PageFailure;

/**
 * A worker's answer for one company: the run, the page URL it was asked for, and either the parsed quote
 * or the failure. Only the URL names the company: the leader takes the index row (and its growth) from
 * the task it sent, never from the wire. Stand-in for the model's {@code CompanyResult}.
 */
public record ClusterResult(String runId, URI pageUrl, Optional<CompanyQuote> quote,
                            Optional<PageFailure> failure, ResultFigures figures) {
    public ClusterResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pageUrl, "pageUrl");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(figures, "figures");
        if (quote.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a result has either a quote or a failure, not both or neither");
        }
        failure.ifPresent(f -> {
            if (!f.url().equals(pageUrl.toString())) {
                throw new IllegalArgumentException("the failure names another page: " + f.url());
            }
        });
    }

    public static ClusterResult delivered(String runId, URI pageUrl, CompanyQuote quote, ResultFigures figures) {
        return new ClusterResult(runId, pageUrl, Optional.of(quote), Optional.empty(), figures);
    }

    public static ClusterResult failed(String runId, URI pageUrl, String reason, ResultFigures figures) {
        return new ClusterResult(runId, pageUrl, Optional.empty(),
                Optional.of(new PageFailure(pageUrl.toString(), reason)), figures);
    }
}
