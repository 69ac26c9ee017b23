package ru.sp500rub.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended, good or failed: what reaches the one point where every run ends. A published run has
 * its four ranked lists and, once compared with the previous good run, what changed since it; a failed
 * one has none, and says why.
 */
public record RunOutcome(RunSummary summary, Map<Report, List<ReportRow>> reports, Optional<String> failure,
                         Optional<RunChanges> changes) {
    public RunOutcome {
        Objects.requireNonNull(summary, "summary");
        reports = Map.copyOf(reports);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(changes, "changes");
    }

    public static RunOutcome published(RunSummary summary, Map<Report, List<ReportRow>> reports) {
        return new RunOutcome(summary, reports, Optional.empty(), Optional.empty());
    }

    public static RunOutcome failed(RunSummary summary, String reason) {
        return new RunOutcome(summary, Map.of(), Optional.of(reason), Optional.empty());
    }

    /** This published run, with what it changed against the previous good run. */
    public RunOutcome withChanges(RunChanges since) {
        if (failure.isPresent()) {
            throw new IllegalStateException("a failed run changes nothing: " + failure.get());
        }
        return new RunOutcome(summary, reports, failure, Optional.of(since));
    }

    public RunStatus status() {
        if (failure.isPresent()) {
            return RunStatus.FAILED;
        }
        return summary.complete() ? RunStatus.COMPLETE : RunStatus.PARTIAL;
    }

    public List<ReportRow> rows(Report report) {
        return reports.getOrDefault(report, List.of());
    }
}
