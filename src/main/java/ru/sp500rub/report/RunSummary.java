package ru.sp500rub.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.rate.RateSnapshot;

/**
 * What a run did, good or failed: written beside the reports as run-summary.json (or
 * last-failed-run.json). {@code runId} names the run in logs and history; {@code trigger} is what
 * started it ("timer", "inbox file X", "--once").
 */
public record RunSummary(String runId, String trigger, Instant start, Instant end, Optional<RateSnapshot> rate,
                         int indexPages, int companiesListed, int companiesDelivered, List<PageFailure> failures,
                         ParseTiming companyParsing, FetchFigures fetching) {
    public RunSummary {
        failures = List.copyOf(failures);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean complete() {
        return failures.isEmpty() && companiesDelivered == companiesListed;
    }
}
