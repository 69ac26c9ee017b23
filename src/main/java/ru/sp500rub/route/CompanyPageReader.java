package ru.sp500rub.route;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.CompanyTask;
import ru.sp500rub.parse.CompanyPageParser;
import ru.sp500rub.parse.PageText;

/**
 * Bean {@code companyPages}: a company task's page URL, its page's bytes as a result with the CPU time
 * the parse took, or the result of a page that failed for good.
 */
public final class CompanyPageReader {

    /** Parse cost is CPU time: with more threads than cores, wall time would count waiting for a core. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final CompanyPageParser parser;

    public CompanyPageReader(CompanyPageParser parser) {
        this.parser = parser;
    }

    public String pageUrl(@Body CompanyTask task) {
        return task.listed().pageUrl().toString();
    }

    public CompanyResult read(@Body byte[] page, @Header(Keys.CONTENT_TYPE) String contentType,
                              @ExchangeProperty(Keys.TASK) CompanyTask task) {
        long cpuBefore = CPU.getCurrentThreadCpuTime();
        CompanyQuote quote = parser.parse(page, PageText.charsetOf(contentType));
        return CompanyResult.delivered(task, quote, CPU.getCurrentThreadCpuTime() - cpuBefore);
    }

    public CompanyResult failed(@ExchangeProperty(Keys.TASK) CompanyTask task, Exchange exchange) {
        return CompanyResult.failed(task, FailureReasons.forPage(exchange, FailureReasons.caught(exchange)));
    }
}
