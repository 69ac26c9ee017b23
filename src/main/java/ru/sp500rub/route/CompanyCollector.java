package ru.sp500rub.route;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.model.Company;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.run.ScrapeRun;

/**
 * The company splitter's aggregation: each part ends as a delivered {@link Company} or, when its page
 * failed for good, a {@link PageFailure} named by URL. Failures are recorded, never propagated, so one
 * bad page cannot stop the others.
 */
final class CompanyCollector implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(Keys.RUN_LOG);

    @Override
    public Exchange aggregate(Exchange previous, Exchange part) {
        ScrapeRun run = part.getProperty(Keys.RUN, ScrapeRun.class);
        if (run.isAbandoned()) {
            return previous != null ? previous : part; // the run failed already; nothing more counts
        }
        IndexEntry listed = part.getProperty(Keys.LISTED, IndexEntry.class);
        Throwable error = part.getException();
        if (error == null) {
            run.delivered(part.getMessage().getBody(Company.class));
        } else {
            String reason = FailureReasons.describe(part, error);
            String url = listed != null ? listed.pageUrl().toString() : part.getProperty(Keys.PAGE_URL, "?", String.class);
            run.failed(new PageFailure(url, reason));
            LOG.warn("Company page failed: {}: {}", url, reason);
            part.setException(null);
        }
        logProgress(run);
        return previous != null ? previous : part;
    }

    /** Every tenth of the way, so an operator sees a long run move without a line per page. */
    private static void logProgress(ScrapeRun run) {
        if (!run.isIndexComplete()) {
            return; // page 1's companies start before the total is known
        }
        int total = run.listedCount();
        int done = run.companiesDone();
        int step = Math.max(1, total / 10);
        if (done % step == 0 || done == total) {
            LOG.info("Company pages done: {}/{}", done, total);
        }
    }
}
