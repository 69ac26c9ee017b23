package ru.sp500rub.route;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import ru.sp500rub.fetch.FetchRun;
import ru.sp500rub.fetch.PageFailedException;
import ru.sp500rub.fetch.Response;
import ru.sp500rub.fetch.RunStoppedException;
import ru.sp500rub.fetch.SiteFetcher;
import ru.sp500rub.run.FetchRuns;
import ru.sp500rub.run.RunRegistry;
import ru.sp500rub.run.ScrapeRun;

/**
 * Bean {@code siteFetch}: the one HTTP request step. A page of a run is fetched through the site's
 * fetcher, under the run's own retry budget and breaker (see the fetch package: the learned limit,
 * hedges, retries, Retry-After all happen there, so no other layer retries); the CBR through a fetcher
 * of its own. A page that is lost is a {@link PageFailedException}; a run that must stop (its breaker,
 * a wait longer than it may last) is given up with that reason and a {@link RunStoppedException}.
 */
public final class SiteFetchStep {

    /** Runs of other instances whose pages this one fetches (a cluster's workers): a few at a time. */
    private static final int OTHER_RUNS_KEPT = 16;

    private final SiteFetcher site;
    private final SiteFetcher cbr;
    private final RunRegistry runs;
    private final FetchRuns fetchRuns;
    private final Duration runTimeout;
    private final Duration cbrTimeout;
    private final Map<String, FetchRun> otherRuns = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FetchRun> eldest) {
            return size() > OTHER_RUNS_KEPT;
        }
    };

    public SiteFetchStep(SiteFetcher site, SiteFetcher cbr, RunRegistry runs, FetchRuns fetchRuns, Duration runTimeout,
                         Duration cbrTimeout) {
        this.site = site;
        this.cbr = cbr;
        this.runs = runs;
        this.fetchRuns = fetchRuns;
        this.runTimeout = runTimeout;
        this.cbrTimeout = cbrTimeout;
    }

    public SiteFetcher site() {
        return site;
    }

    /** GETs the exchange's page; the body becomes its bytes, with its Content-Type and status. */
    public void get(Exchange exchange) throws Exception {
        URI url = URI.create(exchange.getProperty(Keys.PAGE_URL, String.class));
        String runId = exchange.getProperty(Keys.RUN_ID, String.class);
        Response response = runId == null ? cbr.fetch(url, FetchRuns.unlimited(cbrTimeout)) : fetchForRun(runId, url);
        Message message = exchange.getMessage();
        message.setBody(response.body());
        response.contentType().ifPresentOrElse(type -> message.setHeader(Exchange.CONTENT_TYPE, type),
                () -> message.removeHeader(Exchange.CONTENT_TYPE));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
    }

    /** Until one company page of the run has come back, only a few are under way (the breaker's canaries). */
    public void enterCompanyPage(@ExchangeProperty(Keys.RUN_ID) String runId) throws Exception {
        try {
            fetchRunOf(runId).enterCompanyPage();
        } catch (RunStoppedException stopped) {
            giveUp(runId, stopped);
            throw stopped;
        }
    }

    /** A company page of the run was delivered, or lost for good (and why, without its URL, for the breaker). */
    public void companyPageDone(String runId, boolean delivered, String failureKind) {
        FetchRun fetching = fetchRunOf(runId);
        fetching.companyPageDone(delivered, failureKind);
        fetching.stoppedBecause().ifPresent(reason -> runs.find(runId).ifPresent(run -> run.abandon(reason)));
    }

    private Response fetchForRun(String runId, URI url) throws Exception {
        try {
            return site.fetch(url, fetchRunOf(runId));
        } catch (RunStoppedException stopped) {
            giveUp(runId, stopped);
            throw stopped;
        }
    }

    private void giveUp(String runId, RunStoppedException stopped) {
        runs.find(runId).ifPresent(run -> run.abandon(stopped.getMessage()));
    }

    private FetchRun fetchRunOf(String runId) {
        return runs.find(runId).map(ScrapeRun::fetching).orElseGet(() -> {
            synchronized (otherRuns) {
                return otherRuns.computeIfAbsent(runId, id -> fetchRuns.newRun(runTimeout));
            }
        });
    }
}
