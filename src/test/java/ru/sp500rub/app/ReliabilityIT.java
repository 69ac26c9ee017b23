package ru.sp500rub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.rate.RateStore;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.store.PublishedFile;
import ru.sp500rub.route.Keys;

/**
 * The service, once per test, against a 50-company site in WireMock with faults injected: what is
 * retried, what is reported, and that a failed run never touches the last good reports.
 */
class ReliabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE_2 = DemoSite.INDEX_PATH + "?p=2";
    private static final List<String> REPORTS = List.of("top10-price-rub.json", "top10-lowest-pe.json",
            "top10-growth.json", "top10-potential-profit.json", "run-summary.json");

    @TempDir
    Path reports;
    private final StubSite site = new StubSite(50);

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void transientFaultsAreRetriedUntilEveryCompanyIsDelivered() throws Exception {
        site.failOnce(site.companyPath(0), aResponse().withStatus(503));
        site.failOnce(site.companyPath(1), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        site.failOnce(site.companyPath(2), aResponse().withFault(Fault.EMPTY_RESPONSE));
        site.failOnce(site.companyPath(3), aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        site.failOnce(site.companyPath(4), aResponse().withStatus(200).withBody(""));
        site.failOnce(site.companyPath(5), aResponse().withStatus(200).withFixedDelay(3000).withBody("too late"));
        site.failOnce(PAGE_2, aResponse().withStatus(502));

        assertThat(runOnce()).isEqualTo(Service.EXIT_COMPLETE);

        JsonNode summary = summary();
        assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(50);
        assertThat(summary.get("failures")).isEmpty();
        for (int i = 0; i <= 5; i++) {
            assertThat(site.requestsFor(site.companyPath(i))).as(site.companyPath(i)).hasSize(2);
        }
        assertThat(site.requestsFor(PAGE_2)).hasSize(2);
    }

    @Test
    void retryAfterIsHonouredBeforeTheNextAttempt() throws Exception {
        site.failOnce(site.companyPath(7), aResponse().withStatus(429).withHeader("Retry-After", "1"));

        assertThat(runOnce()).isEqualTo(Service.EXIT_COMPLETE);

        var requests = site.requestsFor(site.companyPath(7));
        assertThat(requests).hasSize(2);
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gap).isGreaterThanOrEqualTo(900);
    }

    @Test
    void aMissingPageIsNotRetriedAndIsNamedInTheSummary() throws Exception {
        site.always(site.companyPath(10), aResponse().withStatus(404));

        assertThat(runOnce()).isEqualTo(Service.EXIT_PARTIAL);

        assertThat(site.requestsFor(site.companyPath(10))).hasSize(1);
        JsonNode summary = summary();
        assertThat(summary.get("status").asText()).isEqualTo("partial");
        assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(49);
        assertThat(summary.get("failures")).hasSize(1);
        assertThat(summary.get("failures").get(0).get("url").asText()).isEqualTo(site.url(site.companyPath(10)));
        assertThat(summary.get("failures").get(0).get("reason").asText()).startsWith("HTTP 404");
        assertReportsHaveTenRows();
    }

    @Test
    void aPersistentServerErrorIsRetriedThenReported() throws Exception {
        site.always(site.companyPath(11), aResponse().withStatus(500));

        assertThat(runOnce()).isEqualTo(Service.EXIT_PARTIAL);

        assertThat(site.requestsFor(site.companyPath(11))).hasSize(4); // 1 + http.retries
        assertThat(summary().get("failures").get(0).get("reason").asText()).isEqualTo("HTTP 500 Internal Server Error (after 3 retries)");
    }

    @Test
    void aPageInAnUnknownLayoutIsAFailureAndIsKeptForDiagnosis() throws Exception {
        site.always(site.companyPath(12), aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>Our brand new design</h1></body></html>"));

        assertThat(runOnce()).isEqualTo(Service.EXIT_PARTIAL);

        JsonNode failure = summary().get("failures").get(0);
        assertThat(failure.get("reason").asText()).startsWith("layout not recognised: ");
        assertThat(site.requestsFor(site.companyPath(12))).hasSize(1);
        try (Stream<Path> rejects = Files.list(reports.resolve("rejects"))) {
            List<Path> saved = rejects.toList();
            assertThat(saved).hasSize(1);
            assertThat(saved.get(0).getFileName().toString()).matches("[a-z0-9-]+\\.html");
            assertThat(Files.readString(saved.get(0))).contains("Our brand new design");
        }
    }

    @Test
    void tooManyFailedCompaniesFailTheRunAndLeaveNoReports() throws Exception {
        // 11 of 50 = 22% > scrape.max-failed-ratio 0.2; not the first pages, whose failing all alike
        // would trip the run's breaker first (a test of its own)
        for (int i = 20; i < 31; i++) {
            site.always(site.companyPath(i), aResponse().withStatus(404));
        }

        assertThat(runOnce()).isEqualTo(Service.EXIT_FAILED);

        assertThat(reports.resolve("top10-price-rub.json")).doesNotExist();
        JsonNode failed = JSON.readTree(reports.resolve("last-failed-run.json").toFile());
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("11 of 50 companies failed");
        assertThat(failed.get("failures")).hasSize(11);
    }

    @Test
    void anIndexPageInAnUnknownLayoutFailsTheRun() throws Exception {
        site.always(PAGE_2, aResponse().withStatus(200).withBody("<html><body><p>maintenance</p></body></html>"));

        assertThat(runOnce()).isEqualTo(Service.EXIT_FAILED);

        assertThat(reports.resolve("run-summary.json")).doesNotExist();
        assertThat(JSON.readTree(reports.resolve("last-failed-run.json").toFile()).get("error").asText())
                .contains("layout not recognised");
    }

    /**
     * Index page 2 is missing, so the run fails; page 1's 46 companies were already on their way, two at
     * a time, 300 ms each. A failed run must stop asking the site for them, not fetch them for nothing.
     */
    @Test
    void aRunThatHasFailedAsksForNoMoreCompanyPages() throws Exception {
        site.always(PAGE_2, aResponse().withStatus(404));
        for (int i = 0; i < DemoSite.ROWS_PER_PAGE; i++) {
            site.slow(site.companyPath(i), 300);
        }
        Properties settings = site.settings(reports);
        settings.setProperty("scrape.concurrency", "2");

        assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_FAILED);
        Thread.sleep(2000); // long enough for six more rounds of two

        long asked = site.companies.stream().filter(c -> !site.requestsFor(c.pagePath()).isEmpty()).count();
        assertThat(asked).isLessThanOrEqualTo(4);
        // the reason names the page, not the split that carried the failure
        assertThat(JSON.readTree(reports.resolve("last-failed-run.json").toFile()).get("error").asText())
                .isEqualTo("HTTP 404 Not Found from " + site.url(PAGE_2));
    }

    /**
     * The disk fills up while the third of the five files is written: the run fails, and the last good
     * set stays published as it was, byte for byte, though the new run's prices (another rate) were
     * already written.
     */
    @Test
    void aRunThatCannotWriteOneOfItsReportsPublishesNoneOfThem() throws Exception {
        assertThat(runOnce()).isEqualTo(Service.EXIT_COMPLETE);
        Map<String, byte[]> good = snapshot();
        site.usdRate("80,0000"); // every price of the next run differs
        Properties settings = site.settings(reports);
        settings.setProperty("triggers.enabled", "false");
        Main main = Service.createMain(settings);
        main.start();
        try {
            AdviceWith.adviceWith(main.getCamelContext(), "publish-reports", route -> route.weaveById("stage-file")
                    .before().process(exchange -> {
                        if (exchange.getMessage().getBody(PublishedFile.class).name().equals("top10-growth.json")) {
                            throw new IOException("No space left on device");
                        }
                    }));

            Exchange done = main.getCamelTemplate().send("direct:scrape", e -> e.setProperty(Keys.TRIGGER, "test"));

            assertThat(done.getException()).isNotNull();
        } finally {
            main.stop();
        }
        Map<String, byte[]> after = snapshot();
        for (String file : REPORTS) {
            assertThat(after.get(file)).as(file).isEqualTo(good.get(file));
        }
        assertThat(JSON.readTree(reports.resolve("last-failed-run.json").toFile()).get("error").asText())
                .contains("No space left on device");
    }

    @Test
    void aFailedRunAfterAGoodOneLeavesTheGoodReportsByteForByte() throws Exception {
        assertThat(runOnce()).isEqualTo(Service.EXIT_COMPLETE);
        Map<String, byte[]> good = snapshot();
        site.always(DemoSite.INDEX_PATH, aResponse().withStatus(503));

        assertThat(runOnce()).isEqualTo(Service.EXIT_FAILED);

        Map<String, byte[]> after = snapshot();
        for (String file : REPORTS) {
            assertThat(after.get(file)).as(file).isEqualTo(good.get(file));
        }
        assertThat(JSON.readTree(reports.resolve("last-failed-run.json").toFile()).get("error").asText())
                .contains("HTTP 503");
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith(".tmp-") || name.startsWith(".staged-"));
        }
    }

    @Test
    void garbageFromTheCbrWithoutAStoredRateFailsTheRunClearly() throws Exception {
        site.always(StubSite.CBR, aResponse().withStatus(200).withBody("<html>Сервис недоступен</html>"));

        assertThat(runOnce()).isEqualTo(Service.EXIT_FAILED);

        String error = JSON.readTree(reports.resolve("last-failed-run.json").toFile()).get("error").asText();
        assertThat(error).contains("no usable USD/RUB rate").contains("not a ValCurs document").contains("no stored rate");
        assertThat(reports.resolve("top10-price-rub.json")).doesNotExist();
    }

    @Test
    void cbrDownWithAFreshStoredRateUsesItAndSaysSo() throws Exception {
        new RateStore(reports.resolve("rate.json")).save(
                new UsdRubRate(new BigDecimal("90.5"), LocalDate.now().minusDays(2), "http://cbr.example/earlier"));
        site.always(StubSite.CBR, aResponse().withStatus(503));

        assertThat(runOnce()).isEqualTo(Service.EXIT_COMPLETE);

        JsonNode rate = summary().get("rate");
        assertThat(rate.get("usdRub").decimalValue()).isEqualByComparingTo("90.5");
        assertThat(rate.get("fallback").asText()).contains("HTTP 503").contains("stored rate");
        assertThat(site.requestsFor(StubSite.CBR)).hasSize(4);
    }

    @Test
    void cbrDownWithAStaleStoredRateFailsTheRun() throws Exception {
        new RateStore(reports.resolve("rate.json")).save(
                new UsdRubRate(new BigDecimal("70"), LocalDate.now().minusDays(30), "http://cbr.example/old"));
        site.always(StubSite.CBR, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(runOnce()).isEqualTo(Service.EXIT_FAILED);

        assertThat(JSON.readTree(reports.resolve("last-failed-run.json").toFile()).get("error").asText())
                .contains("older than 7 days");
    }

    @Test
    void responseHeadersOfOnePageNeverReachTheNextRequest() throws Exception {
        site.always(DemoSite.INDEX_PATH, aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("Set-Cookie", "session=abc; Path=/")
                .withHeader("X-Trace", "from-the-index")
                .withBody(DemoSite.render(site.companies).get(DemoSite.INDEX_PATH).body()));

        assertThat(runOnce()).isEqualTo(Service.EXIT_COMPLETE);

        var requests = site.server.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        assertThat(requests).hasSizeGreaterThan(50);
        assertThat(requests).noneMatch(r -> r.containsHeader("X-Trace") || r.containsHeader("Cookie")
                || r.containsHeader("Set-Cookie") || r.getHeaders().keys().stream().anyMatch(h -> h.startsWith("Camel")));
    }

    @Test
    void thePolitenessLimitCapsRequestsPerSecond() throws Exception {
        Properties settings = site.settings(reports);
        settings.setProperty("scrape.max-requests-per-second", "20");

        assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_COMPLETE);

        List<Long> times = site.server.getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getUrl().startsWith(StubSite.CBR))
                .map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
        assertThat(times).hasSize(52); // 2 index pages + 50 companies
        for (int i = 0; i + 21 < times.size(); i++) {
            assertThat(times.get(i + 21) - times.get(i)).as("22 requests within a second from #" + i).isGreaterThanOrEqualTo(950);
        }
    }

    private int runOnce() throws Exception {
        return Service.run(CommandLine.parse("--once"), site.settings(reports));
    }

    private JsonNode summary() throws IOException {
        return JSON.readTree(reports.resolve("run-summary.json").toFile());
    }

    private void assertReportsHaveTenRows() throws IOException {
        for (String report : REPORTS.subList(0, 4)) {
            assertThat(JSON.readTree(reports.resolve(report).toFile())).as(report).hasSize(10);
        }
    }

    private Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (String file : REPORTS) {
            files.put(file, Files.readAllBytes(reports.resolve(file)));
        }
        return files;
    }

}
