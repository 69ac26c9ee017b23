package ru.sp500rub.route;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.model.Company;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.IndexPage;
import ru.sp500rub.parse.CompanyPageParser;
import ru.sp500rub.parse.IndexPageParser;
import ru.sp500rub.parse.PageText;
import ru.sp500rub.rate.RateSnapshot;
import ru.sp500rub.run.IndexListing;
import ru.sp500rub.run.RunGate;
import ru.sp500rub.run.ScrapeRun;

/**
 * One scrape: index page 1, then the other index pages in parallel while page 1's companies are already
 * being fetched. As each index page is read, one message per company is fanned out by a parallel
 * splitter to the company pages (the "scrape" pool); each page is parsed as soon as it arrives (the
 * "parse" pool), enriched with the run's rate and collected. Only small records travel past the
 * parser: no page is kept once it is read.
 */
public final class ScrapeRoutes extends RouteBuilder {

    /** Exchange property naming what started a run ("timer", "inbox file X", "--once"), for the log. */
    public static final String TRIGGER = "sp500.trigger";

    /** Parse cost is CPU time: with more threads than cores, wall time would count waiting for a core. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final Logger RUN_LOG = LoggerFactory.getLogger(Keys.RUN_LOG);

    @Override
    public void configure() {
        RunGate gate = lookup(RunGate.class);
        Clock clock = lookup(Clock.class);
        IndexPageParser indexParser = lookup(IndexPageParser.class);
        CompanyPageParser companyParser = lookup(CompanyPageParser.class);
        long maxRequestsPerSecond = Long.parseLong(getContext().resolvePropertyPlaceholders("{{scrape.max-requests-per-second}}"));
        BigDecimal maxFailedRatio = new BigDecimal(getContext().resolvePropertyPlaceholders("{{scrape.max-failed-ratio}}"));
        URI indexUrl = URI.create(getContext().resolvePropertyPlaceholders("{{sp500.index-url}}"));

        from("direct:scrape").routeId("scrape")
                .routeConfigurationId(ErrorHandling.RUN)
                .choice()
                    .when(method(gate, "tryEnter"))
                        .doTry()
                            .to("direct:scrape-run")
                        .doCatch(Exception.class)
                            .process(ScrapeRoutes::abandonRun).id("run-abandon")
                            // the published reports stay as they were; say why beside them, then fail
                            .to("direct:record-failed-run")
                            .process(ScrapeRoutes::rethrowCaught)
                        .doFinally()
                            .bean(gate, "leave")
                        .end()
                    .endChoice()
                    .otherwise()
                        .log(LoggingLevel.INFO, Keys.RUN_LOG, "A run is already in progress: trigger (${exchangeProperty.sp500.trigger}) coalesced into it")
                        .setBody(constant(null))
                .end();

        from("direct:scrape-run").routeId("scrape-run")
                .routeConfigurationId(ErrorHandling.RUN)
                .process(exchange -> exchange.setProperty(Keys.RUN, new ScrapeRun(clock))).id("run-start")
                .log(LoggingLevel.INFO, Keys.RUN_LOG, "Run started (${exchangeProperty.sp500.trigger}): index {{sp500.index-url}}")
                .setProperty(Keys.PAGE_URL, simple("{{sp500.index-url}}"))
                .to("direct:index-page").id("index-first-page")
                .process(exchange -> indexPagesToScrape(exchange, indexUrl)).id("index-plan")
                // each index page's companies are fanned out as soon as that page is read
                .split(body()).parallelProcessing().executorService(Keys.SCRAPE_POOL).stopOnException()
                    .to("direct:index-page-companies").id("index-page-fan-out")
                .end()
                .process(exchange -> exchange.getMessage().setBody(run(exchange).finish(maxFailedRatio))).id("run-finish")
                .to("direct:publish-reports").id("publish");

        from("direct:index-page-companies").routeId("index-page-companies")
                .routeConfigurationId(ErrorHandling.RUN)
                .choice()
                    .when(body().isInstanceOf(String.class)) // the URL of a page not read yet
                        .setProperty(Keys.PAGE_URL, body())
                        .to("direct:index-page").id("index-other-page")
                .end()
                // every company of the run is converted at one rate, pinned before the first is fetched
                .enrich("direct:usd-rub-rate", pinRunRate()).id("rate-pin")
                .process(ScrapeRoutes::listNewCompanies).id("index-list")
                .split(body(), new CompanyCollector()).parallelProcessing().executorService(Keys.SCRAPE_POOL)
                    .to("direct:company").id("company-fan-out")
                .end();

        from("direct:index-page").routeId("index-page")
                .routeConfigurationId(ErrorHandling.PAGE_FETCH)
                .to("direct:http-get").id("index-fetch")
                .process(exchange -> exchange.getMessage().setBody(indexParser.parse(
                        text(exchange), URI.create(exchange.getProperty(Keys.PAGE_URL, String.class))))).id("index-parse");

        from("direct:company").routeId("company")
                .routeConfigurationId(ErrorHandling.PAGE_FETCH)
                .process(ScrapeRoutes::companyToFetch).id("company-listed")
                .to("direct:http-get").id("company-fetch")
                // the fetching thread goes back for the next company at once; pages are parsed on one
                // thread per core, so 32 fetchers never queue for 2 cores before their next request
                .threads().executorService(Keys.PARSE_POOL).id("company-to-parse-pool")
                .process(exchange -> parseCompanyPage(exchange, companyParser)).id("company-parse")
                .enrich("direct:usd-rub-rate", inRoubles()).id("company-enrich-rate");

        // One endpoint for every page: one connection pool sized by scrape.concurrency, and headers from
        // one response (Set-Cookie, CamelHttpPath...) never reach the next request.
        RouteDefinition httpGet = from("direct:http-get").routeId("http-get")
                .errorHandler(noErrorHandler());
        // once a run has failed, nothing still queued or retried for it asks the site again
        httpGet.filter(ScrapeRoutes::runAbandoned).stop().end();
        httpGet.removeHeaders("*");
        if (maxRequestsPerSecond > 0) {
            httpGet.throttle(maxRequestsPerSecond).totalRequestsMode().timePeriodMillis(1000).id("politeness");
        }
        httpGet.setHeader(Exchange.HTTP_URI, exchangeProperty(Keys.PAGE_URL))
                // GET on the endpoint, not as a header: the producer converts a header's text to its
                // method enum on every request, which cost a third as much CPU as all the parsing
                .to("http://sp500-rub-pages?httpMethod=GET&throwExceptionOnFailure=true").id("http-request")
                .convertBodyTo(byte[].class)
                .process(new ResponseCheck()).id("http-response-check")
                .process(new ScrapeRecording()).id("http-record")
                .removeHeaders("*", Exchange.CONTENT_TYPE, Exchange.HTTP_RESPONSE_CODE);
    }

    private static void abandonRun(Exchange exchange) {
        ScrapeRun run = exchange.getProperty(Keys.RUN, ScrapeRun.class);
        if (run != null) {
            run.abandon();
        }
    }

    /** False for a fetch outside a run (the CBR). */
    private static boolean runAbandoned(Exchange exchange) {
        ScrapeRun run = run(exchange);
        return run != null && run.isAbandoned();
    }

    /** The run failed: its trigger fails too (a --once exit code, an inbox file moved to .failed). */
    private static void rethrowCaught(Exchange exchange) throws Exception {
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    /**
     * The index pages to scrape: the URLs of pages 2..N (from page 1's pager) first, so that their
     * fetches take the first threads of the pool, then page 1 itself, already read.
     */
    private static void indexPagesToScrape(Exchange exchange, URI indexUrl) {
        IndexPage first = exchange.getMessage().getBody(IndexPage.class);
        run(exchange).expectIndexPages(first.pageCount());
        List<Object> pages = new ArrayList<>();
        IntStream.rangeClosed(2, first.pageCount()).forEach(page -> pages.add(IndexPageUrls.page(indexUrl, page)));
        pages.add(first);
        exchange.getMessage().setBody(pages);
    }

    /** An index page becomes the list of companies it adds to the run. */
    private static void listNewCompanies(Exchange exchange) {
        ScrapeRun run = run(exchange);
        IndexListing listing = run.listed(exchange.getMessage().getBody(IndexPage.class));
        if (listing.completesIndex()) {
            RUN_LOG.info("Index read: {} pages, {} companies{}", run.indexPages(), run.listedCount(),
                    run.duplicateRows() > 0 ? " (" + run.duplicateRows() + " rows listed twice)" : "");
        }
        exchange.getMessage().setBody(listing.newCompanies());
    }

    /** The company's index row is kept beside the message; its page is what the next GET fetches. */
    private static void companyToFetch(Exchange exchange) {
        IndexEntry listed = exchange.getMessage().getBody(IndexEntry.class);
        exchange.setProperty(Keys.LISTED, listed);
        exchange.setProperty(Keys.PAGE_URL, listed.pageUrl().toString());
    }

    /** The page's bytes become a quote; the CPU time it took goes to the run's figures. */
    private static void parseCompanyPage(Exchange exchange, CompanyPageParser parser) {
        long cpuBefore = CPU.getCurrentThreadCpuTime();
        Message message = exchange.getMessage();
        message.setBody(parser.parse(message.getBody(byte[].class),
                PageText.charsetOf(message.getHeader(Exchange.CONTENT_TYPE, String.class))));
        run(exchange).companyPageParsed(CPU.getCurrentThreadCpuTime() - cpuBefore);
    }

    private static AggregationStrategy pinRunRate() {
        return (original, rateAnswer) -> {
            if (rateAnswer.getException() != null) {
                original.setException(rateAnswer.getException());
            } else {
                run(original).pinRate(rateAnswer.getMessage().getBody(RateSnapshot.class));
            }
            return original;
        };
    }

    /** Converts the parsed quote with the run's pinned rate, whatever the keeper answers now. */
    private static AggregationStrategy inRoubles() {
        return (original, rateAnswer) -> {
            if (rateAnswer.getException() != null) {
                original.setException(rateAnswer.getException());
                return original;
            }
            RateSnapshot rate = run(original).pinRate(rateAnswer.getMessage().getBody(RateSnapshot.class));
            IndexEntry listed = original.getProperty(Keys.LISTED, IndexEntry.class);
            CompanyQuote quote = original.getMessage().getBody(CompanyQuote.class);
            original.getMessage().setBody(Company.of(listed, quote, rate.rate()));
            return original;
        };
    }

    private static String text(Exchange exchange) {
        return PageText.decode(exchange.getMessage().getBody(byte[].class),
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
    }

    private static ScrapeRun run(Exchange exchange) {
        return exchange.getProperty(Keys.RUN, ScrapeRun.class);
    }

    private <T> T lookup(Class<T> type) {
        return getContext().getRegistry().findSingleByType(type);
    }
}
