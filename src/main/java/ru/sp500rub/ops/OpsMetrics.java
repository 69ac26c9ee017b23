package ru.sp500rub.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import ru.sp500rub.fetch.FetchListener;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.RunStatus;

/**
 * The service's meters in one Prometheus registry (camel-micrometer is not served at 4.22.0). Counters
 * are fed from the point where every run ends ({@link #runEnded}, bean {@code opsMetrics}) and by the
 * fetch layer ({@link FetchListener}, bean {@code fetchListener}); the gauges read the board (so a
 * restarted service shows its history's last run at once), the rate in use and the concurrency limit
 * when scraped. Prometheus names, as scraped:
 * <pre>
 * sp500_runs_total{outcome}                    runs ended, by outcome (complete, partial, failed)
 * sp500_run_duration_seconds{outcome}          run durations (count, sum, max)
 * sp500_companies_listed_total / _delivered_total / _failed_total   over every run
 * sp500_last_run_companies_listed / _delivered / _failed            the last run's
 * sp500_last_run_end_timestamp_seconds         when the last run ended (0 = none yet)
 * sp500_last_good_run_timestamp_seconds        when the last good run ended (0 = none yet)
 * sp500_http_requests_total{status}            responses by HTTP status; "none" = no response
 * sp500_http_retries_total, sp500_http_hedges_total
 * sp500_http_concurrency_limit                 requests let out at once: the fetch layer's adaptive
 *                                              limit (the configured concurrency until it is wired)
 * sp500_usd_rub_rate                           roubles per dollar in use now
 * sp500_usd_rub_rate_age_seconds               since the start (Moscow time) of the day it is set for
 * sp500_top10_companies_entered{report} / _left{report}, sp500_usd_rub_rate_change
 *                                              what the last good run changed against the one before
 * jvm_*, process_*, system_*                   Micrometer's JVM and process meters
 * </pre>
 */
public final class OpsMetrics implements FetchListener, AutoCloseable {

    /** The Prometheus text format that {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final OpsBoard board;
    private final Map<RunStatus, Counter> runs = new EnumMap<>(RunStatus.class);
    private final Map<RunStatus, Timer> durations = new EnumMap<>(RunStatus.class);
    private final Counter listed;
    private final Counter delivered;
    private final Counter failed;
    private final Counter noResponse;
    private final Counter retries;
    private final Counter hedges;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile IntSupplier concurrencyLimit;

    /** @param configuredConcurrency the limit shown until the fetch layer gives its own ({@link #concurrencyLimitFrom}) */
    public OpsMetrics(Clock clock, OpsBoard board, IntSupplier configuredConcurrency) {
        this.clock = clock;
        this.board = board;
        this.concurrencyLimit = Objects.requireNonNull(configuredConcurrency, "configuredConcurrency");
        for (RunStatus status : RunStatus.values()) {
            runs.put(status, Counter.builder("sp500.runs").tag("outcome", status.label())
                    .description("Runs ended, by outcome").register(registry));
            durations.put(status, Timer.builder("sp500.run.duration").tag("outcome", status.label())
                    .description("How long runs took, from start to their end").register(registry));
        }
        listed = Counter.builder("sp500.companies.listed").description("Companies found in the index, over every run")
                .register(registry);
        delivered = Counter.builder("sp500.companies.delivered").description("Companies delivered, over every run")
                .register(registry);
        failed = Counter.builder("sp500.companies.failed").description("Listed companies not delivered, over every run")
                .register(registry);
        lastRunGauge("sp500.last.run.companies.listed", "Companies the last run found in the index",
                RunRecord::companiesListed);
        lastRunGauge("sp500.last.run.companies.delivered", "Companies the last run delivered",
                RunRecord::companiesDelivered);
        lastRunGauge("sp500.last.run.companies.failed", "Listed companies the last run could not deliver",
                RunRecord::companiesFailed);
        timestamp("sp500.last.run.end.timestamp", "When the last run ended (0: none yet)",
                m -> m.board.lastRun().map(RunRecord::end));
        timestamp("sp500.last.good.run.timestamp", "When the last good run ended (0: none yet)",
                m -> m.board.lastGoodRunEnd());
        noResponse = httpRequests("none");
        retries = Counter.builder("sp500.http.retries").description("HTTP requests sent again after a failure")
                .register(registry);
        hedges = Counter.builder("sp500.http.hedges").description("Second copies of slow HTTP requests")
                .register(registry);
        Gauge.builder("sp500.http.concurrency.limit", this, m -> m.concurrencyLimit.getAsInt())
                .description("Requests the fetch layer lets out at once now").register(registry);
        Gauge.builder("sp500.usd.rub.rate", this, m -> m.board.currentRate()
                        .map(r -> r.roublesPerDollar().doubleValue()).orElse(Double.NaN))
                .description("Roubles per US dollar, the rate in use now").register(registry);
        Gauge.builder("sp500.usd.rub.rate.age", this, OpsMetrics::rateAgeSeconds).baseUnit("seconds")
                .description("Age of the rate in use: since the start (Moscow time) of the day it is set for")
                .register(registry);
        for (Report report : Report.values()) {
            Gauge.builder("sp500.top10.companies.entered", this, m -> m.change(c -> c.of(report).entered().size()))
                    .tag("report", report.slug())
                    .description("Companies that entered this top 10 in the last good run").register(registry);
            Gauge.builder("sp500.top10.companies.left", this, m -> m.change(c -> c.of(report).left().size()))
                    .tag("report", report.slug())
                    .description("Companies that left this top 10 in the last good run").register(registry);
        }
        Gauge.builder("sp500.usd.rub.rate.change", this, m -> m.board.lastChanges().flatMap(RunChanges::rate)
                        .map(r -> r.delta().doubleValue()).orElse(Double.NaN))
                .description("The rate of the last good run minus that of the good run before it").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The meters in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** The run-end step: a run ended, good or failed. */
    public void runEnded(RunOutcome outcome) {
        RunRecord run = RunRecord.of(outcome);
        runs.get(run.status()).increment();
        durations.get(run.status()).record(run.duration().isNegative() ? Duration.ZERO : run.duration());
        listed.increment(run.companiesListed());
        delivered.increment(run.companiesDelivered());
        failed.increment(run.companiesFailed());
    }

    /** The fetch layer's own limit (adaptive), read at each scrape from now on. */
    public void concurrencyLimitFrom(IntSupplier limit) {
        concurrencyLimit = Objects.requireNonNull(limit, "limit");
    }

    @Override
    public void response(int status) {
        httpRequests(status >= 100 && status <= 599 ? Integer.toString(status) : "invalid").increment();
    }

    @Override
    public void noResponse() {
        noResponse.increment();
    }

    @Override
    public void retry() {
        retries.increment();
    }

    @Override
    public void hedge() {
        hedges.increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private Counter httpRequests(String status) {
        return Counter.builder("sp500.http.requests").tag("status", status)
                .description("HTTP requests by the status of their response").register(registry);
    }

    private void lastRunGauge(String name, String description, ToIntFunction<RunRecord> figure) {
        Gauge.builder(name, this, m -> m.board.lastRun().map(run -> (double) figure.applyAsInt(run)).orElse(Double.NaN))
                .description(description).register(registry);
    }

    private void timestamp(String name, String description, java.util.function.Function<OpsMetrics, Optional<Instant>> instant) {
        Gauge.builder(name, this, m -> instant.apply(m).map(i -> i.toEpochMilli() / 1000.0).orElse(0.0))
                .baseUnit("seconds").description(description).register(registry);
    }

    private double change(ToIntFunction<RunChanges> count) {
        return board.lastChanges().map(count::applyAsInt).map(Integer::doubleValue).orElse(Double.NaN);
    }

    private double rateAgeSeconds() {
        return board.currentRate()
                .map(rate -> (double) Math.max(0, rate.ageAt(clock.instant()).toSeconds()))
                .orElse(Double.NaN);
    }
}
