package ru.sp500rub.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.rate.RateSnapshot;

/** What a finished run did: written beside the reports as run-summary.json. */
public record RunSummary(Instant start, Instant end, Optional<RateSnapshot> rate, int indexPages,
                         int companiesListed, int companiesDelivered, List<PageFailure> failures,
                         ParseTiming companyParsing) {
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
