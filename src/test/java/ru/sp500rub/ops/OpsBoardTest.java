package ru.sp500rub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.sp500rub.RunSamples.T0;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.RunSamples;
import ru.sp500rub.TestClock;
import ru.sp500rub.history.RunHistory;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.StatusView;

class OpsBoardTest {

    private static final UsdRubRate RATE = RunSamples.rate("74.2926", "2026-03-02");
    private final TestClock clock = new TestClock(T0);
    private final OpsBoard board = new OpsBoard(clock, () -> Optional.of(RATE), 3);

    @TempDir
    Path reports;

    @Test
    void comparesAGoodRunWithTheLastGoodOneAndKeepsBothThroughAFailedRun() {
        Map<Report, List<ReportRow>> first = RunSamples.lists("A");
        RunOutcome run1 = board.compare(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, first));
        assertThat(run1.changes()).isEmpty(); // nothing to compare with yet
        board.runEnded(run1);

        RunOutcome failed = board.compare(RunSamples.failed("r2", T0.plusSeconds(60), Duration.ofSeconds(1), "down"));
        assertThat(failed.changes()).isEmpty();
        board.runEnded(failed);

        Map<Report, List<ReportRow>> third = RunSamples.replacing(first, Report.GROWTH, 0, new ReportRow("N", "N", BigDecimal.TEN));
        RunOutcome run3 = board.compare(RunSamples.good("r3", T0.plusSeconds(120), Duration.ofSeconds(2), RATE, third));
        assertThat(run3.changes()).hasValueSatisfying(c -> {
            assertThat(c.of(Report.GROWTH).entered()).extracting(ReportRow::code).containsExactly("N");
            assertThat(c.of(Report.GROWTH).left()).containsExactly(first.get(Report.GROWTH).get(0));
            assertThat(c.since()).isEqualTo(RunRecord.of(run1).end());
        });
        assertThat(board.lastGoodRunEnd()).hasValue(RunRecord.of(run1).end());
        board.runEnded(run3);

        StatusView view = board.view(StatusView.Mode.SERVED);
        assertThat(view.lastRun()).hasValue(RunRecord.of(run3));
        assertThat(view.changes()).isEqualTo(run3.changes());
        assertThat(view.history()).containsExactly(RunRecord.of(run1), RunRecord.of(failed), RunRecord.of(run3));
        assertThat(board.lastGoodRunEnd()).hasValue(RunRecord.of(run3).end());
        assertThat(board.lastChanges()).isEqualTo(run3.changes());
    }

    @Test
    void aFailedRunLeavesTheLastGoodRunAndItsChangesOnThePage() {
        board.runEnded(RunSamples.good("r0", T0.minusSeconds(60), Duration.ofSeconds(2), RATE, RunSamples.lists("B")));
        RunOutcome good = board.compare(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, RunSamples.lists("A")));
        board.runEnded(good);
        board.runEnded(RunSamples.failed("r2", T0.plusSeconds(60), Duration.ofSeconds(1), "down"));

        StatusView view = board.view(StatusView.Mode.SERVED);
        assertThat(view.lastRun().orElseThrow().runId()).isEqualTo("r2");
        assertThat(view.published().orElseThrow().run()).isEqualTo(RunRecord.of(good));
        assertThat(view.changes()).isPresent().isEqualTo(good.changes());
    }

    @Test
    void keepsTheNewestRunsForTheChartsAndRendersTheComingReportFileWithoutRecordingIt() {
        for (int i = 0; i < 5; i++) {
            board.runEnded(RunSamples.good("r" + i, T0.plusSeconds(60L * i), Duration.ofSeconds(2), RATE, RunSamples.lists("A")));
        }
        assertThat(board.view(StatusView.Mode.SERVED).history()).extracting(RunRecord::runId).containsExactly("r2", "r3", "r4");

        RunOutcome next = RunSamples.good("r5", T0.plusSeconds(600), Duration.ofSeconds(2), RATE, RunSamples.lists("B"));
        String file = new String(board.reportFile(next), StandardCharsets.UTF_8);

        assertThat(Jsoup.parse(file).select("footer a").eachAttr("href")).contains("top10-growth.json", "run-summary.json");
        assertThat(Jsoup.parse(file).select("#chart-price-rub li.bar").get(0).attr("data-code")).startsWith("B");
        assertThat(Jsoup.parse(file).select("#history g.run")).hasSize(2 * 3); // two charts of the 3 newest, r5 among them
        assertThat(board.view(StatusView.Mode.SERVED).lastRun().orElseThrow().runId()).isEqualTo("r4");
    }

    @Test
    void aRestartedServiceShowsWhatItsHistoryHolds() throws Exception {
        RunHistory history = new RunHistory(reports.resolve("history"), 168, clock);
        OpsBoard before = OpsBoard.load(history, clock, () -> Optional.of(RATE), 48);
        RunOutcome good = before.compare(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, RunSamples.lists("A")));
        history.add(good);
        before.runEnded(good);
        RunOutcome failed = RunSamples.failed("r2", T0.plusSeconds(3600), Duration.ofSeconds(1), "HTTP 503 from the index");
        history.add(failed);

        OpsBoard after = OpsBoard.load(history, clock, () -> Optional.of(RATE), 48);

        assertThat(after.lastGoodRunEnd()).hasValue(T0.plusSeconds(2));
        assertThat(after.lastRun().map(RunRecord::runId)).hasValue("r2");
        assertThat(after.view(StatusView.Mode.SERVED).published().orElseThrow().rows(Report.PRICE_RUB))
                .extracting(ReportRow::code).isEqualTo(RunSamples.lists("A").get(Report.PRICE_RUB).stream().map(ReportRow::code).toList());
        RunOutcome next = after.compare(RunSamples.good("r3", T0.plusSeconds(7200), Duration.ofSeconds(2), RATE, RunSamples.lists("B")));
        assertThat(next.changes()).hasValueSatisfying(c -> assertThat(c.entered()).isEqualTo(40));
    }
}
