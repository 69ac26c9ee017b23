package ru.sp500rub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.sp500rub.RunSamples.T0;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import ru.sp500rub.RunSamples;
import ru.sp500rub.history.HistorySettings;
import ru.sp500rub.history.RunHistory;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges;
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
        RunRecord run1 = RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE);
        assertThat(board.changesFor(run1, first)).isEmpty(); // nothing to compare with yet
        board.runEnded(run1, first, Optional.empty());

        RunRecord failed = RunSamples.failed("r2", T0.plusSeconds(60), Duration.ofSeconds(1), "down");
        assertThat(board.changesFor(failed, Map.of())).isEmpty();
        board.runEnded(failed, Map.of(), Optional.empty());

        Map<Report, List<ReportRow>> third = RunSamples.replacing(first, Report.GROWTH, 0, new ReportRow("N", "N", BigDecimal.TEN));
        RunRecord run3 = RunSamples.good("r3", T0.plusSeconds(120), Duration.ofSeconds(2), RATE);
        Optional<RunChanges> changes = board.changesFor(run3, third);
        assertThat(changes).hasValueSatisfying(c -> assertThat(c.of(Report.GROWTH).entered()).extracting(ReportRow::code).containsExactly("N"));
        assertThat(board.lastGoodRunEnd()).hasValue(run1.end());
        board.runEnded(run3, third, changes);

        StatusView view = board.view(StatusView.Mode.SERVED);
        assertThat(view.lastRun()).hasValue(run3);
        assertThat(view.changes()).isEqualTo(changes);
        assertThat(view.history()).containsExactly(run1, failed, run3);
        assertThat(board.lastGoodRunEnd()).hasValue(run3.end());
    }

    @Test
    void aFailedRunLeavesTheLastGoodRunAndItsChangesOnThePage() {
        RunChanges changes = new RunChanges(T0, Map.of(), Optional.empty());
        RunRecord good = RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE);
        board.runEnded(good, RunSamples.lists("A"), Optional.of(changes));
        board.runEnded(RunSamples.failed("r2", T0.plusSeconds(60), Duration.ofSeconds(1), "down"), Map.of(), Optional.empty());

        StatusView view = board.view(StatusView.Mode.SERVED);
        assertThat(view.lastRun().orElseThrow().runId()).isEqualTo("r2");
        assertThat(view.published().orElseThrow().run()).isEqualTo(good);
        assertThat(view.changes()).hasValue(changes);
    }

    @Test
    void keepsTheNewestRunsForTheChartsAndShowsAComingRunWithoutRecordingIt() {
        for (int i = 0; i < 5; i++) {
            board.runEnded(RunSamples.good("r" + i, T0.plusSeconds(60L * i), Duration.ofSeconds(2), RATE), RunSamples.lists("A"), Optional.empty());
        }
        assertThat(board.view(StatusView.Mode.SERVED).history()).extracting(RunRecord::runId).containsExactly("r2", "r3", "r4");

        RunRecord next = RunSamples.good("r5", T0.plusSeconds(600), Duration.ofSeconds(2), RATE);
        StatusView coming = board.viewWith(next, RunSamples.lists("B"), Optional.empty(), StatusView.Mode.FILE);
        assertThat(coming.mode()).isEqualTo(StatusView.Mode.FILE);
        assertThat(coming.lastRun()).hasValue(next);
        assertThat(coming.published().orElseThrow().rows(Report.PRICE_RUB).get(0).code()).startsWith("B");
        assertThat(board.view(StatusView.Mode.SERVED).lastRun().orElseThrow().runId()).isEqualTo("r4");
        String file = new String(board.reportFile(next, RunSamples.lists("B"), Optional.empty()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(org.jsoup.Jsoup.parse(file).select("footer a").eachAttr("href")).contains("top10-growth.json");
        assertThat(org.jsoup.Jsoup.parse(file).select("#chart-price-rub li.bar").get(0).attr("data-code")).startsWith("B");
    }

    @Test
    void aHistoryThatCannotBeWrittenCostsItsEntryOnlyWithOneWarning() throws Exception {
        Path notAFolder = Files.writeString(reports.resolve("history"), "a file where the history folder should be");
        RunHistory history = new RunHistory(notAFolder, new HistorySettings(168), clock);
        OpsMetrics metrics = new OpsMetrics(clock, () -> Optional.of(RATE));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(RunEndRecorder.class)).addAppender(log);
        try {
            new RunEndRecorder(history, board, metrics).runEnded(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE), RunSamples.lists("A"));

            assertThat(board.lastGoodRunEnd()).isPresent();
            assertThat(MetricsText.of(metrics.scrape(), "sp500_runs_total{outcome=\"complete\"}")).isEqualTo(1);
            assertThat(log.list).hasSize(1);
            assertThat(log.list.get(0).getFormattedMessage()).startsWith("History: run r1 not kept in " + notAFolder);
        } finally {
            ((Logger) LoggerFactory.getLogger(RunEndRecorder.class)).detachAppender(log);
            metrics.close();
        }
    }
}
