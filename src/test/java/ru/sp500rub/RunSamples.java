package ru.sp500rub;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.rate.RateSnapshot;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.ParseTiming;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.RunSummary;

/** Runs and top-10 lists for the ops tests: ten rows per list, codes "P0".."P9" style per report. */
public final class RunSamples {

    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private RunSamples() {
    }

    public static UsdRubRate rate(String value, String date) {
        return new UsdRubRate(new BigDecimal(value), LocalDate.parse(date), "http://127.0.0.1/scripts/XML_daily.asp");
    }

    /** A complete run of 496 companies that published {@code lists}. */
    public static RunOutcome good(String runId, Instant start, Duration took, UsdRubRate rate,
                                  Map<Report, List<ReportRow>> lists) {
        return RunOutcome.published(summary(runId, start, took, Optional.of(RateSnapshot.fresh(rate)), 496, List.of()), lists);
    }

    /** A run that published {@code lists} with some companies failed. */
    public static RunOutcome partial(String runId, Instant start, Duration took, UsdRubRate rate,
                                     Map<Report, List<ReportRow>> lists, PageFailure... failures) {
        return RunOutcome.published(summary(runId, start, took, Optional.of(RateSnapshot.fresh(rate)),
                496 - failures.length, List.of(failures)), lists);
    }

    /** A run that failed before it had listed any company. */
    public static RunOutcome failed(String runId, Instant start, Duration took, String why) {
        return RunOutcome.failed(new RunSummary(runId, "test", start, start.plus(took), Optional.empty(), 0, 0, 0,
                List.of(), new ParseTiming(0, Duration.ZERO), ru.sp500rub.report.FetchFigures.NONE), why);
    }

    /** The operator's view of {@link #good}. */
    public static RunRecord record(RunOutcome outcome) {
        return RunRecord.of(outcome);
    }

    private static RunSummary summary(String runId, Instant start, Duration took, Optional<RateSnapshot> rate,
                                      int delivered, List<PageFailure> failures) {
        return new RunSummary(runId, "test", start, start.plus(took), rate, 11, 496, delivered, failures,
                new ParseTiming(496, Duration.ofMillis(900)), ru.sp500rub.report.FetchFigures.NONE);
    }

    /**
     * Four lists of ten: prices from 100000 down, P/E from 5 up, growth from +45 down to -45 (half of it
     * negative), potential profit from 300 down. {@code prefix} starts every code, so two lists made with
     * different prefixes share no company.
     */
    public static Map<Report, List<ReportRow>> lists(String prefix) {
        Map<Report, List<ReportRow>> lists = new EnumMap<>(Report.class);
        for (Report report : Report.values()) {
            List<ReportRow> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                rows.add(new ReportRow(prefix + report.ordinal() + i, "Company " + prefix + report.ordinal() + i,
                        value(report, i)));
            }
            lists.put(report, rows);
        }
        return lists;
    }

    static BigDecimal value(Report report, int i) {
        return switch (report) {
            case PRICE_RUB -> new BigDecimal("100000.005").subtract(BigDecimal.valueOf(7531L * i));
            case LOWEST_PE -> new BigDecimal("5.125").add(BigDecimal.valueOf(i));
            case GROWTH -> new BigDecimal("45.5").subtract(BigDecimal.TEN.multiply(BigDecimal.valueOf(i)));
            case POTENTIAL_PROFIT -> new BigDecimal("300").subtract(BigDecimal.valueOf(25L * i));
        };
    }

    /** {@code lists} with one row of {@code report} replaced by another company. */
    public static Map<Report, List<ReportRow>> replacing(Map<Report, List<ReportRow>> lists, Report report, int index,
                                                         ReportRow newcomer) {
        Map<Report, List<ReportRow>> changed = new EnumMap<>(lists);
        List<ReportRow> rows = new ArrayList<>(lists.get(report));
        rows.set(index, newcomer);
        changed.put(report, rows);
        return changed;
    }
}
