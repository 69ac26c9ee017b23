package ru.sp500rub.history;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.sp500rub.RunSamples.T0;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.sp500rub.RunSamples;
import ru.sp500rub.report.PublishedRun;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges;

class RunDiffTest {

    private static final Map<Report, List<ReportRow>> BEFORE = RunSamples.lists("A");
    private static final PublishedRun PREVIOUS = PublishedRun.of(
            RunSamples.good("r1", T0, Duration.ofSeconds(2), RunSamples.rate("74.1000", "2026-03-01"), BEFORE));

    @Test
    void namesTheCompaniesThatEnteredAndLeftEachTopTenAndTheRateChange() {
        ReportRow newcomer = new ReportRow("NEW", "Newcomer", new BigDecimal("7.5"));
        Map<Report, List<ReportRow>> after = RunSamples.replacing(BEFORE, Report.LOWEST_PE, 3, newcomer);
        PublishedRun current = PublishedRun.of(
                RunSamples.good("r2", T0.plusSeconds(3600), Duration.ofSeconds(2), RunSamples.rate("74.2926", "2026-03-02"), after));

        RunChanges changes = RunDiff.between(PREVIOUS, current);

        assertThat(changes.of(Report.LOWEST_PE).entered()).containsExactly(newcomer);
        assertThat(changes.of(Report.LOWEST_PE).left()).containsExactly(BEFORE.get(Report.LOWEST_PE).get(3));
        assertThat(changes.of(Report.PRICE_RUB).none()).isTrue();
        assertThat(changes.entered()).isEqualTo(1);
        assertThat(changes.left()).isEqualTo(1);
        assertThat(changes.rate()).hasValueSatisfying(rate -> assertThat(rate.delta()).isEqualByComparingTo("0.1926"));
        assertThat(changes.since()).isEqualTo(PREVIOUS.run().end());
    }

    @Test
    void aCompanyThatOnlyMovesWithinATopTenNeitherEntersNorLeaves() {
        List<ReportRow> rows = new java.util.ArrayList<>(BEFORE.get(Report.GROWTH));
        java.util.Collections.reverse(rows);
        Map<Report, List<ReportRow>> after = new java.util.EnumMap<>(BEFORE);
        after.put(Report.GROWTH, rows);
        PublishedRun current = PublishedRun.of(RunSamples.good("r2", T0.plusSeconds(3600), Duration.ofSeconds(2),
                RunSamples.rate("74.1000", "2026-03-01"), after));

        RunChanges changes = RunDiff.between(PREVIOUS, current);

        assertThat(changes.entered()).isZero();
        assertThat(changes.left()).isZero();
        assertThat(changes.rate()).hasValueSatisfying(rate -> assertThat(rate.delta()).isEqualByComparingTo("0"));
    }

    @Test
    void aWholeNewTopTenEntersAndTheOldOneLeaves() {
        PublishedRun current = PublishedRun.of(RunSamples.good("r2", T0.plusSeconds(3600), Duration.ofSeconds(2),
                RunSamples.rate("74.1000", "2026-03-01"), RunSamples.lists("B")));

        RunChanges changes = RunDiff.between(PREVIOUS, current);

        for (Report report : Report.values()) {
            assertThat(changes.of(report).entered()).hasSize(10);
            assertThat(changes.of(report).left()).isEqualTo(BEFORE.get(report));
        }
    }
}
