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
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.RunStatus;

/**
 * The service's meters in one Prometheus registry (camel-micrometer is not served at 4.22.0): fed from
 * the point where every run ends ({@link #runEnded}) and by the fetch layer ({@link FetchListener});
 * the rate and the concurrency limit are read when scraped. Prometheus names, as scraped:
 * <pre>
 * sp500_runs_total{outcome}                    runs ended, by outcome (complete, partial, failed)
 * sp500_run_duration_seconds{outcome}          run durations (count, sum, max)
 * sp500_last_run_companies_listed / _delivered / _failed
 * sp500_last_run_end_timestamp_seconds         when the last run ended (0 = none yet)
 * sp500_last_good_run_timestamp_seconds        when the last good run ended (0 = none yet)
 * sp500_http_requests_total{status}            responses by HTTP status; "none" = no response
 * sp500_http_retries_total, sp500_http_hedges_total
 * sp500_http_concurrency_limit                 the adaptive limit, once the fetch layer gives one
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
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final Supplier<Optional<UsdRubRate>> currentRate;
    private final Map<RunStatus, Counter> runs = new EnumMap<>(RunStatus.class);
    private final Map<RunStatus, Timer> durations = new EnumMap<>(RunStatus.class);
    private final Counter noResponse;
    private final Counter retries;
    private final Counter hedges;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile LastRun last = LastRun.NONE;

    /** What the gauges show of the runs so far; replaced whole at each run's end. */
    private record LastRun(RunRecord run, Instant goodEnd, Optional<RunChanges> changes) {
        static final LastRun NONE = new LastRun(null, null, Optional.empty());
    }

    public OpsMetrics(Clock clock, Supplier<Optional<UsdRubRate>> currentRate) {
        this.clock = clock;
        this.currentRate = currentRate;
        for (RunStatus status : RunStatus.values()) {
            runs.put(status, Counter.builder("sp500.runs").tag("outcome", status.label())
                    .description("Runs ended, by outcome").register(registry));
            durations.put(status, Timer.builder("sp500.run.duration").tag("outcome", status.label())
                    .description("How long runs took, from start to their end").register(registry));
        }
        lastRunGauge("sp500.last.run.companies.listed", "Companies the last run found in the index",
                run -> run.companiesListed());
        lastRunGauge("sp500.last.run.companies.delivered", "Companies the last run delivered",
                run -> run.companiesDelivered());
        lastRunGauge("sp500.last.run.companies.failed", "Listed companies the last run could not deliver",
                run -> run.companiesFailed());
        timestamp("sp500.last.run.end.timestamp", "When the last run ended (0: none yet)",
                () -> last.run() == null ? null : last.run().end());
        timestamp("sp500.last.good.run.timestamp", "When the last good run ended (0: none yet)", () -> last.goodEnd());
        noResponse = httpRequests("none");
        retries = Counter.builder("sp500.http.retries").description("HTTP requests sent again after a failure")
                .register(registry);
        hedges = Counter.builder("sp500.http.hedges").description("Second copies of slow HTTP requests")
                .register(registry);
        Gauge.builder("sp500.usd.rub.rate", this, m -> m.currentRate.get()
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
        Gauge.builder("sp500.usd.rub.rate.change", this, m -> m.last.changes().flatMap(RunChanges::rate)
                        .map(r -> r.delta().doubleValue()).orElse(Double.NaN))
                .description("The rate of the last good run minus that of the good run before it").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The meters in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** A run ended, good or failed; {@code changes} are its changes against the previous good run. */
    public void runEnded(RunRecord run, Optional<RunChanges> changes) {
        runs.get(run.status()).increment();
        durations.get(run.status()).record(run.duration().isNegative() ? Duration.ZERO : run.duration());
        LastRun before = last;
        last = run.status().good()
                ? new LastRun(run, run.end(), changes)
                : new LastRun(run, before.goodEnd(), before.changes());
    }

    /** The adaptive concurrency limit of the fetch layer, read at each scrape. */
    public void concurrencyLimit(IntSupplier limit) {
        Gauge.builder("sp500.http.concurrency.limit", limit, IntSupplier::getAsInt).strongReference(true)
                .description("Requests the fetch layer lets out at once now").register(registry);
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

    private void lastRunGauge(String name, String description, java.util.function.ToIntFunction<RunRecord> figure) {
        Gauge.builder(name, this, m -> m.last.run() == null ? Double.NaN : figure.applyAsInt(m.last.run()))
                .description(description).register(registry);
    }

    private void timestamp(String name, String description, Supplier<Instant> instant) {
        Gauge.builder(name, instant, s -> s.get() == null ? 0 : s.get().toEpochMilli() / 1000.0)
                .strongReference(true).baseUnit("seconds").description(description).register(registry);
    }

    private double change(java.util.function.ToIntFunction<RunChanges> count) {
        return last.changes().map(count::applyAsInt).map(Integer::doubleValue).orElse(Double.NaN);
    }

    private double rateAgeSeconds() {
        return currentRate.get()
                .map(rate -> Math.max(0, Duration.between(rate.date().atStartOfDay(MOSCOW).toInstant(), clock.instant()).toSeconds()))
                .map(Long::doubleValue).orElse(Double.NaN);
    }
}
