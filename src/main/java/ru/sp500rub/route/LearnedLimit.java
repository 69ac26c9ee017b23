package ru.sp500rub.route;

import java.io.IOException;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.fetch.AdaptiveLimit;
import ru.sp500rub.fetch.SiteLimitStore;
import ru.sp500rub.report.RunOutcome;

/**
 * Bean {@code learnedLimit}: what a published run learned of the site's limit is kept for the next run
 * and the next start. A failed run's is not: against a site that is down the limit only falls, and the
 * next run should not start from there.
 */
public final class LearnedLimit {

    private static final Logger LOG = LoggerFactory.getLogger(Keys.RUN_LOG);
    private final AdaptiveLimit limit;
    private final SiteLimitStore store;

    public LearnedLimit(AdaptiveLimit limit, SiteLimitStore store) {
        this.limit = limit;
        this.store = store;
    }

    public void runEnded(@Body RunOutcome outcome) {
        if (outcome.failure().isPresent()) {
            return;
        }
        try {
            store.save(limit.state());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The site's learned limit could not be kept in {}: {}", store.file(), FailureReasons.describe(e));
        }
    }
}
