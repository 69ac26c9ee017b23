package ru.sp500rub.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended, good or failed: what reaches the one point where every run ends. A published run has
 * its four ranked lists; a failed one has none, and says why.
 */
public record RunOutcome(RunSummary summary, Map<Report, List<ReportRow>> reports, Optional<String> failure) {
    public RunOutcome {
        Objects.requireNonNull(summary, "summary");
        reports = Map.copyOf(reports);
        Objects.requireNonNull(failure, "failure");
    }

    public static RunOutcome published(RunSummary summary, Map<Report, List<ReportRow>> reports) {
        return new RunOutcome(summary, reports, Optional.empty());
    }

    public static RunOutcome failed(RunSummary summary, String reason) {
        return new RunOutcome(summary, Map.of(), Optional.of(reason));
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
