package ru.sp500rub.route;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.cluster.WireFormat;
import ru.sp500rub.log.LogText;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.CompanyTask;
import ru.sp500rub.model.IndexPage;
import ru.sp500rub.parse.IndexPageUrls;
import ru.sp500rub.rate.UsdRubRateKeeper;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.run.IndexListing;
import ru.sp500rub.config.ScrapeSettings;
import ru.sp500rub.run.RunAbandonedException;
import ru.sp500rub.run.RunFailedException;
import ru.sp500rub.run.RunRegistry;
import ru.sp500rub.run.ScrapeRun;

/**
 * The run's steps as the routes call them (bean {@code runs}): each finds its run by the id the
 * exchange carries, so nothing but the id travels with a message.
 */
public final class RunSteps {

    private static final Logger RUN_LOG = LoggerFactory.getLogger(Keys.RUN_LOG);
    private static final Logger CLUSTER_LOG = LoggerFactory.getLogger(Keys.CLUSTER_LOG);
    private static final int FAILURES_LOGGED = 10;

    private final RunRegistry registry;
    private final UsdRubRateKeeper rateKeeper;
    private final Duration rateAwait;
    private final BigDecimal maxFailedRatio;
    private final URI indexUrl;

    private final int maxIndexPages;
    private final int maxCompanies;

    public RunSteps(RunRegistry registry, UsdRubRateKeeper rateKeeper, Duration rateAwait, ScrapeSettings scrape,
                    URI indexUrl) {
        this.registry = registry;
        this.rateKeeper = rateKeeper;
        this.rateAwait = rateAwait;
        this.maxFailedRatio = scrape.maxFailedRatio();
        this.maxIndexPages = scrape.maxIndexPages();
        this.maxCompanies = scrape.maxCompanies();
        this.indexUrl = indexUrl;
    }

    /** A new run for the exchange's trigger; its id goes with the exchange, and index page 1 is next. */
    public void start(Exchange exchange) {
        ScrapeRun run = registry.start(exchange.getProperty(Keys.TRIGGER, "unnamed trigger", String.class));
        exchange.setProperty(Keys.RUN_ID, run.id());
        exchange.setProperty(Keys.PAGE_URL, indexUrl.toString());
        RUN_LOG.info("Run {} started ({}): index {}", run.id(), run.trigger(), indexUrl);
    }

    /** Page 1's pager says how many index pages the run must read. */
    public void expectIndexPages(@ExchangeProperty(Keys.RUN_ID) String runId, @Body IndexPage first) {
        if (first.pageCount() > maxIndexPages) {
            throw new RunFailedException("the index announces " + first.pageCount() + " pages, more than"
                    + " scrape.max-index-pages (" + maxIndexPages + ")");
        }
        registry.get(runId).expectIndexPages(first.pageCount());
    }

    /** The one rate every company of the run is converted at, pinned before the first company is fetched. */
    public void pinRate(@ExchangeProperty(Keys.RUN_ID) String runId) {
        registry.get(runId).pinRate(rateKeeper.awaitRate(rateAwait));
    }

    /** The URLs of index pages 2..N. */
    public List<String> otherIndexPageUrls(@ExchangeProperty(Keys.RUN_ID) String runId) {
        return IntStream.rangeClosed(2, registry.get(runId).indexPagesExpected())
                .mapToObj(page -> IndexPageUrls.page(indexUrl, page)).toList();
    }

    /** An index page becomes a task for each company it adds to the run. */
    public List<CompanyTask> newCompanies(@ExchangeProperty(Keys.RUN_ID) String runId, @Body IndexPage page) {
        ScrapeRun run = registry.get(runId);
        IndexListing listing = run.listed(page);
        if (run.listedCount() > maxCompanies) {
            throw new RunFailedException("the index lists more than scrape.max-companies (" + maxCompanies + ") companies");
        }
        if (listing.completesIndex()) {
            RUN_LOG.info("Index read: {} pages, {} companies{}", run.indexPages(), run.listedCount(),
                    run.duplicateRows() > 0 ? " (" + run.duplicateRows() + " rows listed twice)" : "");
        }
        return listing.newCompanies().stream().map(entry -> new CompanyTask(runId, entry)).toList();
    }

    /**
     * A company's result joins its run; a result for a run that has failed or ended counts for nothing,
     * and so does a second result for a company (at-least-once delivery over a broker) or one for a page
     * the run never listed.
     */
    public void accept(@Body CompanyResult result) {
        registry.find(result.runId()).filter(run -> !run.isAbandoned()).ifPresent(run -> {
            ScrapeRun.Acceptance acceptance = run.accept(result);
            switch (acceptance.verdict()) {
                case ACCEPTED -> {
                    result.failure().ifPresent(reason -> logFailure(run, result, reason));
                    logProgress(run, acceptance.done());
                }
                case DUPLICATE -> CLUSTER_LOG.info("Second result for {} of run {}: the first one counted",
                        result.listed().pageUrl(), run.id());
                case NOT_LISTED -> CLUSTER_LOG.warn("Result for {}, which run {} never listed: refused",
                        result.listed().pageUrl(), run.id());
            }
        });
    }

    /** The run's companies handed to other instances have all answered, or the run is given up at its deadline. */
    public void awaitAnswers(@ExchangeProperty(Keys.RUN_ID) String runId) throws InterruptedException {
        registry.get(runId).awaitAnswers();
    }

    /** Another instance's run is over: nothing more is asked for it here. Anything else is ignored with a line. */
    public void markOver(@Body String runId) {
        if (runId == null || !WireFormat.RUN_ID.matcher(runId).matches()) {
            CLUSTER_LOG.warn("Ignored a run-over announcement that names no run: \"{}\"", LogText.escape(String.valueOf(runId), 80));
            return;
        }
        registry.markOver(runId);
    }

    /** The run's outcome, if it is good enough to publish; a RunFailedException says why not. */
    public RunOutcome finish(@ExchangeProperty(Keys.RUN_ID) String runId) {
        return registry.get(runId).finish(maxFailedRatio);
    }

    /** The run failed: nothing more is asked for it, and its outcome says why. */
    public RunOutcome failed(Exchange exchange) {
        String reason = FailureReasons.forRun(FailureReasons.caught(exchange));
        String runId = exchange.getProperty(Keys.RUN_ID, String.class);
        ScrapeRun run = registry.find(runId).orElseGet(() -> registry.start(exchange.getProperty(Keys.TRIGGER, "?", String.class)));
        return run.failedOutcome(reason);
    }

    /** Once a run has failed or ended, nothing still queued or retried for it asks the site again. */
    public void checkNotAbandoned(@ExchangeProperty(Keys.RUN_ID) String runId) {
        if (runId != null && registry.isOver(runId)) {
            throw new RunAbandonedException(runId);
        }
    }

    public void end(@ExchangeProperty(Keys.RUN_ID) String runId) {
        registry.end(runId);
    }

    /** The first failures one line each; past that, one line says the rest are in the summary. */
    private static void logFailure(ScrapeRun run, CompanyResult result, String reason) {
        int failures = run.failuresSoFar();
        if (failures <= FAILURES_LOGGED) {
            RUN_LOG.warn("Company page failed: {}: {}", result.listed().pageUrl(), reason);
        } else if (failures == FAILURES_LOGGED + 1) {
            RUN_LOG.warn("More company pages failed; every failure is named in run-summary.json (or last-failed-run.json)");
        }
    }

    /** Every tenth of the way, so an operator sees a long run move without a line per page. */
    private static void logProgress(ScrapeRun run, int done) {
        if (!run.isIndexComplete()) {
            return; // page 1's companies start before the total is known
        }
        int total = run.listedCount();
        int step = Math.max(1, total / 10);
        if (done % step == 0 || done == total) {
            RUN_LOG.info("Company pages done: {}/{}", done, total);
        }
    }
}
