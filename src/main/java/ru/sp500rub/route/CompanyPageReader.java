package ru.sp500rub.route;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import ru.sp500rub.log.LogText;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.CompanyTask;
import ru.sp500rub.parse.CompanyPageParser;
import ru.sp500rub.parse.PageText;
import ru.sp500rub.parse.SiteOrigin;

/**
 * Bean {@code companyPages}: a company task's page URL, its page's bytes as a result with the CPU time
 * the parse took, or the result of a page that failed for good.
 */
public final class CompanyPageReader {

    /** Parse cost is CPU time: with more threads than cores, wall time would count waiting for a core. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final CompanyPageParser parser;
    private final SiteOrigin site;
    private final SiteFetchStep fetching;

    /**
     * @param indexUrl the index a run reads: company pages are fetched from its site only
     * @param fetching hears of every company page's outcome (the run's breaker)
     */
    public CompanyPageReader(CompanyPageParser parser, URI indexUrl, SiteFetchStep fetching) {
        this.parser = parser;
        this.site = SiteOrigin.of(indexUrl);
        this.fetching = fetching;
    }

    /**
     * The page a task fetches. A link from the index to another site (another scheme, host or port) is
     * not followed: what a page says cannot send the service to any address it likes.
     */
    public String pageUrl(@Body CompanyTask task) {
        URI page = task.listed().pageUrl();
        if (!site.contains(page)) {
            throw new ForeignLinkException("its page is on another site (" + LogText.escape(String.valueOf(page.getHost()), 80)
                    + "): not fetched");
        }
        return page.toString();
    }

    public CompanyResult read(@Body byte[] page, @Header(Keys.CONTENT_TYPE) String contentType,
                              @ExchangeProperty(Keys.TASK) CompanyTask task) {
        long cpuBefore = CPU.getCurrentThreadCpuTime();
        CompanyQuote quote = parser.parse(page, PageText.charsetOf(contentType));
        fetching.companyPageDone(task.runId(), true, null);
        return CompanyResult.delivered(task, quote, CPU.getCurrentThreadCpuTime() - cpuBefore);
    }

    public CompanyResult failed(@ExchangeProperty(Keys.TASK) CompanyTask task, Exchange exchange) {
        Throwable error = FailureReasons.caught(exchange);
        String kind = FailureReasons.kindOf(error);
        if (!kind.isEmpty()) {
            fetching.companyPageDone(task.runId(), false, kind);
        }
        return CompanyResult.failed(task, FailureReasons.forPage(error));
    }
}
