package ru.sp500rub.run;

import java.util.List;
import java.util.Map;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;

/** A run good enough to publish: its summary and the four ranked lists. */
public record RunOutcome(RunSummary summary, Map<Report, List<ReportRow>> reports) {
    public RunOutcome {
        reports = Map.copyOf(reports);
    }
}
