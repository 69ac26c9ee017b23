package ru.sp500rub.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A good run and its four ranked lists: what the published reports hold. {@code lists} is
 * {@code RunOutcome.reports()} today (the lead's {@code Rankings} after the reshaping).
 */
public record PublishedRun(RunRecord run, Map<Report, List<ReportRow>> lists) {
    public PublishedRun {
        Objects.requireNonNull(run, "run");
        if (!run.status().good()) {
            throw new IllegalArgumentException("a failed run publishes nothing: " + run.runId());
        }
        lists = Map.copyOf(lists);
    }

    public List<ReportRow> rows(Report report) {
        return lists.getOrDefault(report, List.of());
    }
}
