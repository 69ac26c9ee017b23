package ru.sp500rub.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.CompanyTask;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.replay.DemoSite;

/**
 * The failure policies on the real routes, with the HTTP request replaced by a fake site: what is
 * retried and how often, what a page that fails for good becomes, and where a failed run goes.
 */
class ErrorHandlingTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompanyPageTheFetchLayerGaveUpOnBecomesAFailureResultWithItsReason() throws Exception {
        site.fail(site.companyPath(3), FakeSite.lost("HTTP 503 Service Unavailable (after 4 retries)", "HTTP 503 Service Unavailable"));

        CompanyResult result = companyResultOf(3);

        assertThat(site.requestsFor(site.companyPath(3))).isEqualTo(1); // the route asks once: retries are the fetch layer's
        assertThat(result.quote()).isEmpty();
        assertThat(result.failure()).contains("HTTP 503 Service Unavailable (after 4 retries)");
    }

    @Test
    void aMissingCompanyPageIsAFailureResult() throws Exception {
        site.fail(site.companyPath(4), FakeSite.status(404, "Not Found"));

        CompanyResult result = companyResultOf(4);

        assertThat(site.requestsFor(site.companyPath(4))).isEqualTo(1);
        assertThat(result.failure()).contains("HTTP 404 Not Found");
    }

    @Test
    void aCompanyPageInAnUnknownLayoutIsKeptUnderRejectsAndIsNotRetried() throws Exception {
        site.answer(site.companyPath(6), "text/html", "<html><body>a brand new design</body></html>".getBytes(StandardCharsets.UTF_8));

        CompanyResult result = companyResultOf(6);

        assertThat(site.requestsFor(site.companyPath(6))).isEqualTo(1);
        assertThat(result.failure()).hasValueSatisfying(reason -> assertThat(reason).startsWith("layout not recognised: "));
        try (var rejects = Files.list(reports().resolve("rejects"))) {
            assertThat(rejects.toList()).singleElement().satisfies(file ->
                    assertThat(Files.readString(file)).contains("a brand new design"));
        }
    }

    @Test
    void anIndexPageThatFailsForGoodFailsTheRunWhichIsRecordedAndPassedBackToItsTrigger() throws Exception {
        site.fail(DemoSite.INDEX_PATH + "?p=2", FakeSite.lost("HTTP 503 Service Unavailable (after 4 retries)", "HTTP 503 Service Unavailable"));
        start();
        NotifyBuilder ended = new NotifyBuilder(context).wereSentTo(Endpoints.RUN_ENDED).whenDone(1).create();

        Exchange done = template.send(Endpoints.SCRAPE, exchange -> exchange.setProperty(Keys.TRIGGER, "test"));

        assertThat(ended.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(done.getException()).isNotNull();
        assertThat(site.requestsFor(DemoSite.INDEX_PATH + "?p=2")).isEqualTo(1);
        JsonNode failed = JSON.readTree(reports().resolve(RunRecords.FAILED_RUN_FILE).toFile());
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).isEqualTo("HTTP 503 Service Unavailable (after 4 retries) from http://fake" + DemoSite.INDEX_PATH + "?p=2");
        assertThat(reports().resolve("run-summary.json")).doesNotExist();
    }

    @Test
    void aRunWithTooManyFailedCompaniesFailsAfterCollectingThemAll() throws Exception {
        for (int i = 20; i < 31; i++) { // 11 of 50 > scrape.max-failed-ratio 0.2, not the first (the breaker's)
            site.fail(site.companyPath(i), FakeSite.status(404, "Not Found"));
        }
        start();

        Exchange done = template.send(Endpoints.SCRAPE, exchange -> exchange.setProperty(Keys.TRIGGER, "test"));

        assertThat(done.getException()).isNotNull();
        JsonNode failed = JSON.readTree(reports().resolve(RunRecords.FAILED_RUN_FILE).toFile());
        assertThat(failed.get("error").asText()).startsWith("11 of 50 companies failed");
        assertThat(failed.get("failures")).hasSize(11);
        assertThat(failed.get("companiesDelivered").asInt()).isEqualTo(39);
    }

    @Test
    void aRequestForARunThatHasFailedIsNotSentButOneForAnotherInstancesRunIs() throws Exception {
        site.fail(DemoSite.INDEX_PATH, FakeSite.status(404, "Not Found"));
        start();
        template.send(Endpoints.SCRAPE, exchange -> exchange.setProperty(Keys.TRIGGER, "test"));
        String failedRun = JSON.readTree(reports().resolve(RunRecords.FAILED_RUN_FILE).toFile()).get("runId").asText();
        int asked = site.requestCount();

        Exchange forTheFailedRun = template.send(Endpoints.HTTP_GET, exchange -> {
            exchange.setProperty(Keys.RUN_ID, failedRun);
            exchange.setProperty(Keys.PAGE_URL, "http://fake" + site.companyPath(0));
        });
        assertThat(forTheFailedRun.getException()).isInstanceOf(ru.sp500rub.run.RunAbandonedException.class);
        assertThat(site.requestCount()).isEqualTo(asked);

        Exchange forAnUnknownRun = template.send(Endpoints.HTTP_GET, exchange -> {
            exchange.setProperty(Keys.RUN_ID, "20261201T000000Z-elsewhere");
            exchange.setProperty(Keys.PAGE_URL, "http://fake" + site.companyPath(0));
        });
        assertThat(forAnUnknownRun.getException()).isNull();
        assertThat(site.requestCount()).isEqualTo(asked + 1);
    }

    @Test
    void anIndexThatAnnouncesMorePagesThanBelievableFailsTheRunBeforeAnyOtherRequest() throws Exception {
        String page1 = new String(DemoSite.render(site.companies).get(DemoSite.INDEX_PATH).body(), java.nio.charset.StandardCharsets.UTF_8);
        String inflated = page1.replaceAll("p=2\"", "p=99999\"").replaceAll(">2<", ">99999<");
        assertThat(inflated).isNotEqualTo(page1);
        site.answer(DemoSite.INDEX_PATH, "text/html; charset=utf-8", inflated.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        start();

        Exchange done = template.send(Endpoints.SCRAPE, exchange -> exchange.setProperty(Keys.TRIGGER, "test"));

        assertThat(done.getException()).isNotNull();
        assertThat(JSON.readTree(reports().resolve(RunRecords.FAILED_RUN_FILE).toFile()).get("error").asText())
                .isEqualTo("the index announces 99999 pages, more than scrape.max-index-pages (50)");
        assertThat(site.requestCount()).isLessThanOrEqualTo(2); // page 1 and the CBR
    }

    @Test
    void aCompanyLinkToAnotherSiteIsNotFollowedAndIsNamed() throws Exception {
        AdviceWith.adviceWith(context, "company", route -> route.mockEndpointsAndSkip(Endpoints.COMPANY_RESULT));
        start();
        MockEndpoint results = getMockEndpoint("mock:" + Endpoints.COMPANY_RESULT);
        results.expectedMessageCount(1);
        IndexEntry elsewhere = new IndexEntry("Evil", java.net.URI.create("http://169.254.169.254/latest/meta-data"),
                java.util.Optional.empty());

        template.sendBody(Endpoints.COMPANY, new CompanyTask("20261201T000000Z-test", elsewhere));

        results.assertIsSatisfied();
        CompanyResult result = results.getReceivedExchanges().get(0).getMessage().getBody(CompanyResult.class);
        assertThat(result.failure()).contains("its page is on another site (169.254.169.254): not fetched");
        assertThat(site.requestsFor("/latest/meta-data")).isZero();
    }

    @Test
    void whenTheFirstCompanyPagesAllFailAlikeTheBreakerStopsTheRunWithOneReason() throws Exception {
        for (int i = 0; i < site.companies.size(); i++) {
            site.fail(site.companyPath(i), FakeSite.lost("HTTP 503 Service Unavailable (after 4 retries)", "HTTP 503 Service Unavailable"));
        }
        start();

        Exchange done = template.send(Endpoints.SCRAPE, exchange -> exchange.setProperty(Keys.TRIGGER, "test"));

        assertThat(done.getException()).isNotNull();
        JsonNode failed = JSON.readTree(reports().resolve(RunRecords.FAILED_RUN_FILE).toFile());
        assertThat(failed.get("error").asText()).isEqualTo("the first 5 company pages all failed the same way: HTTP 503 Service Unavailable");
        long companyRequests = site.companies.stream().mapToLong(c -> site.requestsFor(c.pagePath())).sum();
        assertThat(companyRequests).isLessThanOrEqualTo(10); // four canaries at a time, until the fifth failure
    }

    /** Sends one company task through the company route and answers the result it delivered. */
    private CompanyResult companyResultOf(int company) throws Exception {
        AdviceWith.adviceWith(context, "company", route -> route.mockEndpointsAndSkip(Endpoints.COMPANY_RESULT));
        start();
        MockEndpoint results = getMockEndpoint("mock:" + Endpoints.COMPANY_RESULT);
        results.expectedMessageCount(1);
        IndexEntry listed = new IndexEntry(site.companies.get(company).name(),
                java.net.URI.create("http://fake" + site.companyPath(company)), java.util.Optional.empty());

        template.sendBody(Endpoints.COMPANY, new CompanyTask("20261201T000000Z-test", listed));

        results.assertIsSatisfied();
        return results.getReceivedExchanges().get(0).getMessage().getBody(CompanyResult.class);
    }
}
