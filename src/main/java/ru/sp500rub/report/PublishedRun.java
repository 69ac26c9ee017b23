package ru.sp500rub.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A good run and its four ranked lists: what the published reports hold. */
public record PublishedRun(RunRecord run, Map<Report, List<ReportRow>> lists) {
    public PublishedRun {
        Objects.requireNonNull(run, "run");
        if (!run.status().good()) {
            throw new IllegalArgumentException("a failed run publishes nothing: " + run.runId());
        }
        lists = Map.copyOf(lists);
    }

    /** A published run's outcome as the board and the history keep it. */
    public static PublishedRun of(RunOutcome outcome) {
        return new PublishedRun(RunRecord.of(outcome), outcome.reports());
    }

    public List<ReportRow> rows(Report report) {
        return lists.getOrDefault(report, List.of());
    }
}
