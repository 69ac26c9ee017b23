package ru.sp500rub.app;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.config.HttpSettings;
import ru.sp500rub.config.Settings;
import ru.sp500rub.fetch.AdaptiveLimit;
import ru.sp500rub.fetch.Backoff;
import ru.sp500rub.fetch.ClientSettings;
import ru.sp500rub.fetch.FetchListener;
import ru.sp500rub.fetch.FetchRun;
import ru.sp500rub.fetch.FixedLimit;
import ru.sp500rub.fetch.HedgePolicy;
import ru.sp500rub.fetch.LatencyTracker;
import ru.sp500rub.fetch.RetryBudget;
import ru.sp500rub.fetch.RunBreaker;
import ru.sp500rub.fetch.SiteClient;
import ru.sp500rub.fetch.SiteFetcher;
import ru.sp500rub.fetch.SiteLimiter;
import ru.sp500rub.fetch.SiteLimitStore;
import ru.sp500rub.run.FetchRuns;

/**
 * How the service asks its two sites, built from the settings: the markets site through an adaptive
 * limit that starts where the last good run left it (or at {@value #FIRST_LIMIT}, growing from there)
 * and never goes past scrape.concurrency, with hedges; the CBR a page at a time, without. Each run gets
 * its own retry budget (retries and hedges at most a fifth of its first attempts, plus
 * {@value #BUDGET_FLOOR}) and breaker.
 */
final class FetchLayer implements FetchRuns, AutoCloseable {

    private static final Logger LIMIT_LOG = LoggerFactory.getLogger(AdaptiveLimit.class);
    static final int FIRST_LIMIT = 8;
    static final double BUDGET_SHARE = 0.2;
    static final int BUDGET_FLOOR = 10;
    /** Waits on 429s for one page before it is given up (the run's deadline bounds them too). */
    static final int THROTTLE_WAITS = 20;
    private static final Duration EVIDENCE_WINDOW = Duration.ofSeconds(2);
    private static final Duration FIRST_PROBE = Duration.ofSeconds(1);

    private final SiteClient siteClient;
    private final SiteClient cbrClient;
    private final AdaptiveLimit limit;
    private final SiteFetcher site;
    private final SiteFetcher cbr;
    private final SiteLimitStore store;

    FetchLayer(Settings settings, FetchListener listener) {
        HttpSettings http = settings.http();
        int concurrency = settings.scrape().concurrency();
        store = new SiteLimitStore(settings.folders().reportsDir());
        long now = System.nanoTime();
        limit = store.load()
                .map(state -> AdaptiveLimit.startingAt(concurrency, state, EVIDENCE_WINDOW, FIRST_PROBE, now))
                .orElseGet(() -> new AdaptiveLimit(concurrency, Math.min(FIRST_LIMIT, concurrency), EVIDENCE_WINDOW, FIRST_PROBE, now));
        // why the limit moved, for -Dsp500rub.log.level=DEBUG: a few lines a run
        limit.onChange(change -> LIMIT_LOG.debug("Site limit: {}", change));
        siteClient = new SiteClient(client(http, concurrency * 2));
        cbrClient = new SiteClient(client(http, 2));
        Backoff backoff = new Backoff(http.retryDelay(), http.retryMaxDelay(), () -> ThreadLocalRandom.current().nextDouble());
        SiteFetcher.Policy policy = new SiteFetcher.Policy(http.retries(), THROTTLE_WAITS);
        site = new SiteFetcher(siteClient, new SiteLimiter(limit, System::nanoTime, settings.scrape().maxRequestsPerSecond()),
                new LatencyTracker(256, 20),
                HedgePolicy.defaults(), backoff, policy, System::nanoTime).listenedBy(listener);
        cbr = new SiteFetcher(cbrClient, new SiteLimiter(new FixedLimit(1), System::nanoTime), new LatencyTracker(16, 16),
                HedgePolicy.never(), backoff, policy, System::nanoTime).listenedBy(listener);
    }

    private static ClientSettings client(HttpSettings http, int connections) {
        // http.local-address: several instances on one machine are several clients to a site
        return new ClientSettings(http.userAgent(), http.connectTimeout(), http.attemptTimeout(), http.maxPageBytes(),
                http.maxRedirects(), connections, http.localAddress());
    }

    SiteFetcher site() {
        return site;
    }

    SiteFetcher cbr() {
        return cbr;
    }

    AdaptiveLimit limit() {
        return limit;
    }

    SiteLimitStore store() {
        return store;
    }

    @Override
    public FetchRun newRun(Duration timeout) {
        return new FetchRun(new RetryBudget(BUDGET_SHARE, BUDGET_FLOOR), RunBreaker.defaults(), timeout, System::nanoTime);
    }

    @Override
    public int concurrencyLimit() {
        return limit.limit();
    }

    @Override
    public void close() {
        site.close();
        cbr.close();
        siteClient.close();
        cbrClient.close();
    }
}
