package ru.sp500rub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.sp500rub.RunSamples.T0;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.sp500rub.RunSamples;
import ru.sp500rub.TestClock;
import ru.sp500rub.fetch.FetchListener;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges.ListChange;
import ru.sp500rub.report.RunChanges.RateChange;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunOutcome;

class OpsMetricsTest {

    private static final UsdRubRate RATE = RunSamples.rate("74.2926", "2026-03-02");
    private final TestClock clock = new TestClock(T0); // 2026-03-02T09:00Z = 12:00 in Moscow
    private final AtomicReference<Optional<UsdRubRate>> rate = new AtomicReference<>(Optional.empty());
    private final OpsBoard board = new OpsBoard(clock, rate::get, 48);
    private final OpsMetrics metrics = new OpsMetrics(clock, board, () -> 32);

    /** What the run's end does for the metrics: the board moves, the counters count. */
    private void ended(RunOutcome outcome) {
        board.runEnded(outcome);
        metrics.runEnded(outcome);
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void beforeAnyRunEveryOutcomeCountsZeroAndNoGoodRunIsKnown() {
        String text = metrics.scrape();

        for (String outcome : new String[] {"complete", "partial", "failed"}) {
            assertThat(MetricsText.of(text, "sp500_runs_total{outcome=\"" + outcome + "\"}")).isZero();
        }
        assertThat(MetricsText.of(text, "sp500_last_good_run_timestamp_seconds")).isZero();
        assertThat(MetricsText.of(text, "sp500_usd_rub_rate")).isNaN();
        assertThat(text).contains("# TYPE sp500_runs_total counter", "# TYPE sp500_run_duration_seconds summary");
    }

    @Test
    void aRunsEndMovesItsOutcomeDurationCompaniesAndTimes() {
        RunOutcome partial = RunSamples.partial("r1", T0, Duration.ofMillis(2500), RATE, RunSamples.lists("A"),
                new PageFailure("http://127.0.0.1/a", "HTTP 500"), new PageFailure("http://127.0.0.1/b", "HTTP 500"));
        ended(partial);
        RunOutcome failed = RunSamples.failed("r2", T0.plusSeconds(3600), Duration.ofMillis(700), "HTTP 404 from the index");
        ended(failed);

        String text = metrics.scrape();
        assertThat(MetricsText.of(text, "sp500_runs_total{outcome=\"partial\"}")).isEqualTo(1);
        assertThat(MetricsText.of(text, "sp500_runs_total{outcome=\"failed\"}")).isEqualTo(1);
        assertThat(MetricsText.of(text, "sp500_runs_total{outcome=\"complete\"}")).isZero();
        assertThat(MetricsText.of(text, "sp500_run_duration_seconds_sum{outcome=\"partial\"}")).isEqualTo(2.5);
        assertThat(MetricsText.of(text, "sp500_run_duration_seconds_count{outcome=\"failed\"}")).isEqualTo(1);
        // the last run is the failed one; the last good run is still the partial one
        assertThat(MetricsText.of(text, "sp500_last_run_companies_listed")).isZero();
        assertThat(MetricsText.of(text, "sp500_last_run_end_timestamp_seconds"))
                .isEqualTo(failed.summary().end().toEpochMilli() / 1000.0);
        assertThat(MetricsText.of(text, "sp500_last_good_run_timestamp_seconds"))
                .isEqualTo(partial.summary().end().toEpochMilli() / 1000.0);
        assertThat(MetricsText.of(text, "sp500_companies_listed_total")).isEqualTo(496);
        assertThat(MetricsText.of(text, "sp500_companies_delivered_total")).isEqualTo(494);
        assertThat(MetricsText.of(text, "sp500_companies_failed_total")).isEqualTo(2);

        ended(partial);
        text = metrics.scrape();
        assertThat(MetricsText.of(text, "sp500_last_run_companies_listed")).isEqualTo(496);
        assertThat(MetricsText.of(text, "sp500_last_run_companies_delivered")).isEqualTo(494);
        assertThat(MetricsText.of(text, "sp500_last_run_companies_failed")).isEqualTo(2);
    }

    @Test
    void countsRequestsByStatusRetriesHedgesAndReadsTheLimitWhenScraped() {
        FetchListener fetch = metrics;
        fetch.response(200);
        fetch.response(200);
        fetch.response(503);
        fetch.response(42);
        fetch.noResponse();
        fetch.retry();
        fetch.hedge();
        fetch.hedge();
        assertThat(MetricsText.of(metrics.scrape(), "sp500_http_concurrency_limit")).isEqualTo(32); // the configured one
        AtomicInteger limit = new AtomicInteger(20);
        metrics.concurrencyLimitFrom(limit::get);
        limit.set(27);

        String text = metrics.scrape();
        assertThat(MetricsText.of(text, "sp500_http_requests_total{status=\"200\"}")).isEqualTo(2);
        assertThat(MetricsText.of(text, "sp500_http_requests_total{status=\"503\"}")).isEqualTo(1);
        assertThat(MetricsText.of(text, "sp500_http_requests_total{status=\"invalid\"}")).isEqualTo(1);
        assertThat(MetricsText.of(text, "sp500_http_requests_total{status=\"none\"}")).isEqualTo(1);
        assertThat(MetricsText.of(text, "sp500_http_retries_total")).isEqualTo(1);
        assertThat(MetricsText.of(text, "sp500_http_hedges_total")).isEqualTo(2);
        assertThat(MetricsText.of(text, "sp500_http_concurrency_limit")).isEqualTo(27);
    }

    @Test
    void showsTheRateInUseAndItsAgeFromTheStartOfItsMoscowDay() {
        rate.set(Optional.of(RATE));

        String text = metrics.scrape();
        assertThat(MetricsText.of(text, "sp500_usd_rub_rate")).isEqualTo(74.2926);
        assertThat(MetricsText.of(text, "sp500_usd_rub_rate_age_seconds")).isEqualTo(12 * 3600);
        rate.set(Optional.of(RunSamples.rate("75", "2026-03-03"))); // tomorrow's rate, set in advance
        assertThat(MetricsText.of(metrics.scrape(), "sp500_usd_rub_rate_age_seconds")).isZero();
    }

    @Test
    void showsWhatTheLastGoodRunChangedAndKeepsItThroughAFailedRun() {
        ReportRow a = new ReportRow("A", "A", BigDecimal.ONE);
        ReportRow b = new ReportRow("B", "B", BigDecimal.ONE);
        RunChanges changes = new RunChanges(T0, Map.of(Report.GROWTH, new ListChange(List.of(a, b), List.of(a)),
                Report.LOWEST_PE, new ListChange(List.of(), List.of(b))),
                Optional.of(new RateChange(RunSamples.rate("74", "2026-03-01"), RATE)));
        ended(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, RunSamples.lists("A")).withChanges(changes));
        ended(RunSamples.failed("r2", T0.plusSeconds(60), Duration.ofSeconds(1), "down"));

        String text = metrics.scrape();
        assertThat(MetricsText.of(text, "sp500_top10_companies_entered{report=\"growth\"}")).isEqualTo(2);
        assertThat(MetricsText.of(text, "sp500_top10_companies_left{report=\"growth\"}")).isEqualTo(1);
        assertThat(MetricsText.of(text, "sp500_top10_companies_left{report=\"lowest-pe\"}")).isEqualTo(1);
        assertThat(MetricsText.of(text, "sp500_top10_companies_entered{report=\"price-rub\"}")).isZero();
        assertThat(MetricsText.of(text, "sp500_usd_rub_rate_change")).isCloseTo(0.2926, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void alsoCarriesTheJvmsOwnMeters() {
        String text = metrics.scrape();

        assertThat(text).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");
    }
}
