package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.http.HttpComponent;
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
    void concurrencySizesBothTheThreadPoolAndTheConnectionPoolAndParsingHasItsOwnPool() throws Exception {
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
            assertThat(scrape.getPoolSize()).isEqualTo(48);
            assertThat(scrape.getMaxPoolSize()).isEqualTo(48);
            ThreadPoolProfile parse = context.getExecutorServiceManager().getThreadPoolProfile("parse");
            assertThat(parse.getPoolSize()).isEqualTo(3);
            assertThat(parse.getMaxPoolSize()).isEqualTo(3);
            HttpComponent http = context.getComponent("http", HttpComponent.class);
            assertThat(http.getConnectionsPerRoute()).isGreaterThanOrEqualTo(48);
            assertThat(http.isAutomaticRetriesDisabled()).isTrue();
            assertThat(http.getResponseTimeout()).isEqualTo(30_000);
            // company pages (~170 KB with a Content-Length) are read into one array, not the stream cache
            assertThat(http.getResponsePayloadStreamingThreshold()).isGreaterThanOrEqualTo(1024 * 1024);
            assertThat(context.getRoute("trigger-timer")).isNotNull();
            assertThat(context.getRouteController().getRouteStatus("trigger-timer").isStarted()).isFalse();
        } finally {
            main.stop();
        }
    }

    /**
     * Every parse is held until the site has been asked for every company page. Were pages parsed on
     * the fetching threads, the 4 fetchers would all be held after their first page and the site would
     * never see more than 4 requests; with the parse pool apart, they fetch all 8 meanwhile (the pool's
     * queue holds as many pages as there are fetchers, 4, beside the one being parsed: past that a
     * fetcher parses its own page, so the pages held in memory stay bounded).
     */
    @Test
    void fetchersGoOnFetchingWhilePagesWaitToBeParsed() throws Exception {
        int companies = 8;
        try (StubSite site = new StubSite(companies)) {
            Properties settings = site.settings(reports);
            settings.setProperty("triggers.enabled", "false");
            settings.setProperty("scrape.concurrency", "4");
            settings.setProperty("scrape.parse-threads", "1");
            Main main = Service.createMain(settings);
            main.start();
            try {
                AtomicBoolean everyPageAskedForBeforeAParse = new AtomicBoolean(true);
                AdviceWith.adviceWith(main.getCamelContext(), "company", route -> route.weaveById("company-parse").before()
                        .process(exchange -> {
                            if (everyPageAskedForBeforeAParse.get() && !awaitCompanyRequests(site, companies)) {
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
