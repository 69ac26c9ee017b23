package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import ru.sp500rub.fetch.ClientSettings;
import ru.sp500rub.fetch.SiteFetcher;
import ru.sp500rub.route.Beans;
import ru.sp500rub.route.SiteFetchStep;
import org.apache.camel.main.Main;
import org.apache.camel.spi.ThreadPoolProfile;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.route.Keys;
import ru.sp500rub.report.RunOutcome;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import ru.sp500rub.ops.OpsServer;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration reaches the parts that make the scrape parallel and keep Camel the only retry layer,
 * and the routes keep requests going out: nothing waits for an unrelated index page or for a parser.
 */
class ServiceWiringIT {

    @TempDir
    Path reports;

    @Test
    void concurrencySizesTheThreadPoolTheConnectionsAndTheLimitAndParsingHasItsOwnPool() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("reports.dir", reports.toString());
        settings.setProperty("cbr.url", "http://127.0.0.1:9/unused");
        settings.setProperty("triggers.enabled", "false");
        settings.setProperty("scrape.concurrency", "48");
        settings.setProperty("scrape.parse-threads", "3");
        Main main = Service.createMain(settings);
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            ThreadPoolProfile scrape = context.getExecutorServiceManager().getThreadPoolProfile("scrape");
            // twice the concurrency: pages waiting out a back-off or a Retry-After hold threads, not permits
            assertThat(scrape.getPoolSize()).isEqualTo(96);
            assertThat(scrape.getMaxPoolSize()).isEqualTo(96);
            ThreadPoolProfile parse = context.getExecutorServiceManager().getThreadPoolProfile("parse");
            assertThat(parse.getPoolSize()).isEqualTo(3);
            assertThat(parse.getMaxPoolSize()).isEqualTo(3);
            SiteFetcher site = context.getRegistry().lookupByNameAndType(Beans.SITE_FETCH, SiteFetchStep.class).site();
            ClientSettings client = site.client().settings();
            assertThat(client.maxConnections()).isGreaterThanOrEqualTo(48);
            assertThat(client.attemptTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
            assertThat(client.maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
            assertThat(client.userAgent()).startsWith("sp500-rub/");
            // a first start knows nothing of the site: it starts low and grows, never past scrape.concurrency
            assertThat(site.limiter().limit().limit()).isEqualTo(FetchLayer.FIRST_LIMIT).isLessThan(48);
            assertThat(context.getRoute("trigger-timer")).isNotNull();
            assertThat(context.getRouteController().getRouteStatus("trigger-timer").isStarted()).isFalse();
        } finally {
            main.stop();
        }
    }

    /**
     * Every parse but the first is held until the site has been asked for every company page (the first
     * is let through: until one company page has come back, the run's breaker lets only a few pages
     * out). Were pages parsed on the fetching threads, the 8 of them (twice the concurrency of 4) would
     * all be held after their page and the site would see at most 9 requests; with the parse pool
     * apart, they fetch all 12 meanwhile (the pool's queue holds as many pages as the concurrency, 4,
     * beside the one being parsed: past that a fetcher parses its own page, so the pages held in memory
     * stay bounded).
     */
    @Test
    void fetchersGoOnFetchingWhilePagesWaitToBeParsed() throws Exception {
        int companies = 12;
        try (StubSite site = new StubSite(companies)) {
            Properties settings = site.settings(reports);
            settings.setProperty("triggers.enabled", "false");
            settings.setProperty("scrape.concurrency", "4");
            settings.setProperty("scrape.parse-threads", "1");
            Main main = Service.createMain(settings);
            main.start();
            try {
                AtomicBoolean everyPageAskedForBeforeAParse = new AtomicBoolean(true);
                java.util.concurrent.atomic.AtomicInteger parses = new java.util.concurrent.atomic.AtomicInteger();
                AdviceWith.adviceWith(main.getCamelContext(), "company", route -> route.weaveById("company-parse").before()
                        .process(exchange -> {
                            if (parses.incrementAndGet() > 1 && everyPageAskedForBeforeAParse.get()
                                    && !awaitCompanyRequests(site, companies)) {
                                everyPageAskedForBeforeAParse.set(false);
                            }
                        }));

                Exchange done = main.getCamelTemplate().send("direct:scrape",
                        exchange -> exchange.setProperty(Keys.TRIGGER, "test"));

                assertThat(done.getException()).isNull();
                assertThat(done.getMessage().getBody(RunOutcome.class).summary().companiesDelivered()).isEqualTo(companies);
                assertThat(everyPageAskedForBeforeAParse).isTrue();
            } finally {
                main.stop();
            }
        }
    }

    private static boolean awaitCompanyRequests(StubSite site, int companies) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long asked = site.companies.stream().filter(c -> !site.requestsFor(c.pagePath()).isEmpty()).count();
            if (asked == companies) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Index page 3 answers 3 s late. Page 2's companies must not wait for it: each index page's companies
     * are fanned out as soon as that page is read.
     */
    @Test
    void eachIndexPagesCompaniesAreFetchedAsSoonAsThatPageIsRead() throws Exception {
        int perPage = DemoSite.ROWS_PER_PAGE;
        try (StubSite site = new StubSite(2 * perPage + 5)) {
            String thirdPage = DemoSite.INDEX_PATH + "?p=3";
            site.slow(thirdPage, 3000);
            Properties settings = site.settings(reports);
            settings.setProperty("http.response-timeout", "10000");

            assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_COMPLETE);

            long thirdPageAnswered = site.requestsFor(thirdPage).get(0).getLoggedDate().getTime() + 3000;
            for (int i = perPage; i < 2 * perPage; i++) {
                long asked = site.requestsFor(site.companyPath(i)).get(0).getLoggedDate().getTime();
                assertThat(asked).as("page 2's company %s asked for before page 3 answered", site.companyPath(i))
                        .isLessThan(thirdPageAnswered - 1000);
            }
        }
    }

    @Test
    void onceStartsTheOpsServerOnlyWhenOpsEnabledIsSetAndThenOnItsHostOnly() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger opsServer = (Logger) LoggerFactory.getLogger(OpsServer.class);
        opsServer.addAppender(log);
        try {
            Properties settings = new Properties();
            settings.setProperty("reports.dir", reports.toString());
            settings.setProperty("ops.port", "0");
            assertThat(Service.run(CommandLine.parse("--demo", "--once"), settings)).isEqualTo(Service.EXIT_COMPLETE);
            assertThat(log.list).isEmpty();

            settings.setProperty("ops.enabled", "true");
            assertThat(Service.run(CommandLine.parse("--demo", "--once"), settings)).isEqualTo(Service.EXIT_COMPLETE);
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).matches("Ops HTTP server on http://127\\.0\\.0\\.1:\\d+/ .*"))
                    .anySatisfy(line -> assertThat(line).isEqualTo("Ops HTTP server stopped"));
            assertThat(reports.resolve("history")).isDirectoryContaining(path -> true);
        } finally {
            opsServer.detachAppender(log);
        }
    }
}
