package ru.sp500rub.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one company task: its page's quote (in USD, not yet converted), or why it failed for
 * good; and the CPU time its page took to parse. The run converts a quote at its own pinned rate.
 */
public record CompanyResult(String runId, IndexEntry listed, Optional<CompanyQuote> quote, Optional<String> failure,
                            long parseNanos) {
    public CompanyResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(listed, "listed");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(failure, "failure");
        if (quote.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a company result is a quote or a failure, not both or neither");
        }
    }

    public static CompanyResult delivered(CompanyTask task, CompanyQuote quote, long parseNanos) {
        return new CompanyResult(task.runId(), task.listed(), Optional.of(quote), Optional.empty(), parseNanos);
    }

    public static CompanyResult failed(CompanyTask task, String reason) {
        return new CompanyResult(task.runId(), task.listed(), Optional.empty(), Optional.of(reason), 0);
    }
}
