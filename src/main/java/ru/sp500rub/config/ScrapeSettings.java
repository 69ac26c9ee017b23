package ru.sp500rub.config;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How hard a run works the site: company pages at once, parse threads (0 = one per core), a politeness
 * limit in requests per second (0 = none), the share of failed companies past which a run fails, and
 * how long a run may take before it fails; and what an index may announce before it is not believed
 * (pages, companies).
 */
public record ScrapeSettings(int concurrency, int parseThreads, int maxRequestsPerSecond, BigDecimal maxFailedRatio,
                             Duration runTimeout, int maxIndexPages, int maxCompanies) {

    static ScrapeSettings read(SettingsReader r) {
        return new ScrapeSettings(
                r.wholeNumber("scrape.concurrency", 32, 1, 256),
                r.wholeNumber("scrape.parse-threads", 0, 0, 64),
                r.wholeNumber("scrape.max-requests-per-second", 0, 0, 1000),
                r.decimal("scrape.max-failed-ratio", "0.2", BigDecimal.ZERO, BigDecimal.ONE),
                r.duration("scrape.run-timeout", "30m", Duration.ofSeconds(10), Duration.ofDays(1)),
                r.wholeNumber("scrape.max-index-pages", 50, 1, 1000),
                r.wholeNumber("scrape.max-companies", 2000, 1, 100_000));
    }

    /** The parse pool's size. */
    public int parseThreadsOrCores() {
        return parseThreads == 0 ? Runtime.getRuntime().availableProcessors() : parseThreads;
    }
}
