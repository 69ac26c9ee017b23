package ru.sp500rub.history;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ru.sp500rub.report.PublishedRun;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunChanges.ListChange;
import ru.sp500rub.report.RunChanges.RateChange;

/** What changed from one good run to the next: companies by ticker code, and the rate. */
public final class RunDiff {

    private RunDiff() {
    }

    public static RunChanges between(PublishedRun previous, PublishedRun current) {
        Map<Report, ListChange> lists = new EnumMap<>(Report.class);
        for (Report report : Report.values()) {
            List<ReportRow> before = previous.rows(report);
            List<ReportRow> after = current.rows(report);
            lists.put(report, new ListChange(missingFrom(before, after), missingFrom(after, before)));
        }
        Optional<RateChange> rate = previous.run().rate().flatMap(before -> current.run().rate()
                .map(after -> new RateChange(before.rate(), after.rate())));
        return new RunChanges(previous.run().end(), lists, rate);
    }

    /** The rows of {@code rows} whose company is not in {@code reference}, in their order. */
    private static List<ReportRow> missingFrom(List<ReportRow> reference, List<ReportRow> rows) {
        Set<String> known = reference.stream().map(ReportRow::code).collect(Collectors.toSet());
        return rows.stream().filter(row -> !known.contains(row.code())).toList();
    }
}
