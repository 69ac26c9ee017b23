package ru.sp500rub.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.rate.RateSnapshot;

/**
 * One finished run as the operator sees it (history, metrics, health, the status page): good or failed,
 * without its rankings; {@code error} is why a failed run failed.
 */
public record RunRecord(String runId, Instant start, Instant end, RunStatus status, Optional<String> error,
                        int companiesListed, int companiesDelivered, List<PageFailure> failures,
                        Optional<RateSnapshot> rate) {
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(rate, "rate");
        failures = List.copyOf(failures);
        if (companiesListed < 0 || companiesDelivered < 0) {
            throw new IllegalArgumentException("company counts cannot be negative");
        }
    }

    /** The operator's view of a run's outcome. */
    public static RunRecord of(RunOutcome outcome) {
        RunSummary s = outcome.summary();
        return new RunRecord(s.runId(), s.start(), s.end(), outcome.status(), outcome.failure(), s.companiesListed(),
                s.companiesDelivered(), s.failures(), s.rate());
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Listed companies that were not delivered. */
    public int companiesFailed() {
        return Math.max(0, companiesListed - companiesDelivered);
    }
}
