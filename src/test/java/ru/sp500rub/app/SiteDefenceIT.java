package ru.sp500rub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.fetch.ClientSettings;
import ru.sp500rub.hostile.HostileSite;
import ru.sp500rub.replay.DemoSite;

/**
 * The fetch layer through the whole service ({@code --once} in this JVM): a site that defends itself
 * (a slow answer, pages that keep failing, a layout nobody knows, a Retry-After longer than a run) is
 * met by a hedge, the run's retry budget and its breaker, and never costs the last good reports; the index with or without a pager; who is asking;
 * what is not worth asking again. Behaviour, not timing: every bound is generous.
 */
class SiteDefenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PUBLISHED = List.of("top10-price-rub.json", "top10-lowest-pe.json",
            "top10-growth.json", "top10-potential-profit.json", "run-summary.json", "report.html");

    @TempDir
    Path reports;

    /**
     * Company 30's first answer trickles (its headers at once, then a byte every 100 ms: hours for the
     * page); the attempt deadline is 20 s. A second copy goes out long before that and wins; the first
     * connection is closed by the service, not left to run; the page is delivered once and nothing was
     * retried.
     */
    @Test
    void aSlowFirstAnswerIsHedgedItsLoserClosedAndThePageCountedOnce() throws Exception {
        HostileSite.Builder builder = HostileSite.demo(50);
        String slow = builder.companyPath(30);
        try (HostileSite site = builder.firstRequest(slow, HostileSite.Answer.trickle(Duration.ofMillis(100))).start()) {
            Properties settings = settings(site.indexUrl(), site.cbrUrl());
            settings.setProperty("http.response-timeout", "20s");

            assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_COMPLETE);

            JsonNode summary = summary();
            assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(50);
            assertThat(summary.get("failures")).isEmpty();
            assertThat(site.requests().stream().filter(target -> target.equals(slow))).as("requests for " + slow).hasSize(2);
            JsonNode fetching = summary.get("fetching");
            assertThat(fetching.get("hedges").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(fetching.get("hedgesWon").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(fetching.get("retries").asInt()).isZero();
            assertThat(awaitServed(site, slow, HostileSite.Outcome.CLIENT_CLOSED, Duration.ofSeconds(10)))
                    .as("the loser's connection, closed by the service").isPresent()
                    .hasValueSatisfying(loser -> assertThat(loser.answer()).isEqualTo(HostileSite.Answer.Kind.TRICKLE));
            assertThat(summary.get("durationSeconds").asDouble()).as("the run did not wait for the loser").isLessThan(20);
        }
    }

    /**
     * Every third company page answers 503 for ever (33 of 100; scrape.max-failed-ratio raised so the
     * run may publish without them). Each could be retried 3 times (99 retries); the run's budget lets
     * out at most a fifth of its first requests, plus 10, so the failing site gets far fewer.
     */
    @Test
    void theRetryBudgetCapsRequestsAgainstPagesThatKeepFailing() throws Exception {
        int companies = 100;
        try (StubSite site = new StubSite(companies)) {
            for (int i = 1; i < companies; i += 3) {
                site.always(site.companyPath(i), aResponse().withStatus(503));
            }
            Properties settings = site.settings(reports);
            settings.setProperty("scrape.max-failed-ratio", "0.5");

            assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_PARTIAL);

            JsonNode summary = summary();
            assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(companies - 33);
            List<String> reasons = StreamSupport.stream(summary.get("failures").spliterator(), false)
                    .map(f -> f.get("reason").asText()).toList();
            assertThat(reasons).hasSize(33).allSatisfy(reason -> assertThat(reason).startsWith("HTTP 503 Service Unavailable"));
            assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("retry budget of the run spent"));
            int pages = companies + DemoSite.pageCount(companies);
            int companyRequests = site.companyRequests().size();
            System.out.printf("budget: %d company requests for %d companies (33 failing); fetching %s%n", companyRequests,
                    companies, summary.get("fetching"));
            // without a budget: 100 + 33 x 3 = 199
            assertThat(companyRequests).isLessThanOrEqualTo((int) (pages * 1.2) + 10);
        }
    }

    /**
     * After a good run, every company page answers 503 for ever. The run asks for a few pages, stops
     * asking, fails with the breaker's one reason, and the last good reports stay byte for byte.
     */
    @Test
    void aSiteWhoseEveryCompanyPageFailsStopsTheRunAfterAFewPagesAndKeepsTheLastGoodReports() throws Exception {
        try (StubSite site = new StubSite(50)) {
            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_COMPLETE);
            Map<String, byte[]> good = published();
            int before = site.companyRequests().size();
            site.everyCompany(aResponse().withStatus(503));

            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_FAILED);

            assertThat(failedRunError()).isEqualTo("the first 5 company pages all failed the same way: HTTP 503 Service Unavailable");
            List<LoggedRequest> asked = site.companyRequests().subList(before, site.companyRequests().size());
            long pagesAsked = asked.stream().map(LoggedRequest::getUrl).distinct().count();
            System.out.printf("breaker, 503: %d company requests for %d pages%n", asked.size(), pagesAsked);
            assertThat(pagesAsked).as("company pages asked for").isLessThanOrEqualTo(10);
            assertThat(asked).as("company requests (50 pages x 4 attempts without budget and breaker)").hasSizeLessThanOrEqualTo(30);
            assertThat(published()).allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(good.get(name)));
        }
    }

    /**
     * Every company page comes in a layout nobody knows (a redesign): the run stops after a few pages,
     * well before asking for all 50, saves what it saw under rejects/, and fails with that reason.
     */
    @Test
    void aSiteWhoseEveryCompanyPageIsInAnUnknownLayoutStopsAfterAtMostTenRequestsAndKeepsThePages() throws Exception {
        try (StubSite site = new StubSite(50)) {
            site.everyCompany(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody("<html><body><h1>Our brand new design</h1></body></html>"));

            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_FAILED);

            assertThat(failedRunError()).startsWith("the first 5 company pages all failed the same way: layout not recognised: ");
            int asked = site.companyRequests().size();
            assertThat(asked).isBetween(5, 10);
            List<Path> rejects;
            try (Stream<Path> files = Files.list(reports.resolve("rejects"))) {
                rejects = files.toList();
            }
            assertThat(rejects).hasSizeBetween(5, asked)
                    .allSatisfy(file -> assertThat(Files.readString(file)).contains("Our brand new design"));
            assertThat(reports.resolve("run-summary.json")).doesNotExist();
        }
    }

    /**
     * After a good run, the site asks for an hour's pause (429, Retry-After: 3600) where a run may last
     * 30 minutes: the run does not ask again in a minute, nor wait an hour; it fails with the site's
     * word, and the last good reports stay.
     */
    @Test
    void aRetryAfterLongerThanTheRunMayLastFailsTheRunWithTheReasonAndKeepsTheReports() throws Exception {
        try (StubSite site = new StubSite(50)) {
            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_COMPLETE);
            Map<String, byte[]> good = published();
            int before = site.companyRequests().size();
            site.everyCompany(aResponse().withStatus(429).withHeader("Retry-After", "3600"));

            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_FAILED);

            assertThat(failedRunError()).startsWith("rate-limited by the site for 3600 s");
            assertThat(site.companyRequests().size() - before).as("company requests").isLessThanOrEqualTo(10);
            assertThat(published()).allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(good.get(name)));
        }
    }

    /**
     * The index as one page listing every company, without a pager: read as the whole index (no page 2
     * asked for); and the same companies over two pages with a pager: both pages read.
     */
    @Test
    void theIndexIsReadWholeAsOnePageWithoutAPagerAndAcrossPagesWithOne() throws Exception {
        int companies = 60;
        try (StubSite site = new StubSite(companies)) {
            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_COMPLETE);
            assertThat(summary().get("indexPages").asInt()).isEqualTo(2);
            assertThat(summary().get("companiesDelivered").asInt()).isEqualTo(companies);
            assertThat(site.requestsFor(DemoSite.INDEX_PATH + "?p=2")).hasSize(1);

            String onePage = onePageIndex(site);
            assertThat(onePage).doesNotContain("finando_paging").doesNotContain("?p=");
            site.always(DemoSite.INDEX_PATH, aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(onePage));

            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_COMPLETE);

            JsonNode summary = summary();
            assertThat(summary.get("indexPages").asInt()).isEqualTo(1);
            assertThat(summary.get("companiesListed").asInt()).isEqualTo(companies);
            assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(companies);
            assertThat(site.requestsFor(DemoSite.INDEX_PATH + "?p=2")).as("page 2, asked only by the first run").hasSize(1);
        }
    }

    /**
     * Every request, the CBR's included, says who is asking: by default the service, its version and
     * where to read about it; http.user-agent replaces it, on every request.
     */
    @Test
    void everyRequestSaysWhoIsAskingAndTheOperatorMayReplaceIt() throws Exception {
        try (StubSite site = new StubSite(20)) {
            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_COMPLETE);
            List<String> agents = userAgents(site);
            assertThat(agents).hasSizeGreaterThanOrEqualTo(22) // an index page, 20 companies, the CBR
                    .containsOnly(ClientSettings.DEFAULT_USER_AGENT);
            assertThat(ClientSettings.DEFAULT_USER_AGENT).startsWith("sp500-rub/").contains("+https://");
            assertThat(site.requestsFor(StubSite.CBR)).isNotEmpty();

            site.server.resetRequests();
            Properties settings = site.settings(reports);
            String own = "acme-research-bot/2.1 (+mailto:ops@acme.example)";
            settings.setProperty("http.user-agent", own);
            assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_COMPLETE);

            assertThat(userAgents(site)).hasSizeGreaterThanOrEqualTo(22).containsOnly(own);
        }
    }

    /**
     * A redirect loop and a body that claims gzip but is not are failures no retry can mend: each page
     * is asked for in one attempt (the loop's two hops), not again, and named in the summary.
     */
    @Test
    void aRedirectLoopAndABadGzipBodyAreNotRetried() throws Exception {
        try (StubSite site = new StubSite(50)) {
            String loop = site.companyPath(10);
            String other = "/stocks/elsewhere";
            site.always(loop, aResponse().withStatus(302).withHeader("Location", other));
            site.always(other, aResponse().withStatus(302).withHeader("Location", loop));
            String badGzip = site.companyPath(11);
            site.always(badGzip, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                    .withHeader("Content-Encoding", "gzip").withBody("this is not gzip at all, but a page pretending".repeat(20)));

            assertThat(Service.run(CommandLine.parse("--once"), site.settings(reports))).isEqualTo(Service.EXIT_PARTIAL);

            Map<String, String> reasons = new HashMap<>();
            summary().get("failures").forEach(f -> reasons.put(f.get("url").asText(), f.get("reason").asText()));
            assertThat(reasons).hasSize(2);
            assertThat(reasons.get(site.url(loop))).startsWith("redirect loop");
            assertThat(reasons.get(site.url(badGzip))).startsWith("bad gzip body");
            assertThat(site.requestsFor(loop)).hasSize(1);
            assertThat(site.requestsFor(other)).hasSize(1);
            assertThat(site.requestsFor(badGzip)).hasSize(1);
        }
    }

    private Properties settings(String indexUrl, String cbrUrl) {
        Properties p = new Properties();
        p.setProperty("sp500.index-url", indexUrl);
        p.setProperty("cbr.url", cbrUrl);
        p.setProperty("reports.dir", reports.toString());
        p.setProperty("http.retries", "3");
        p.setProperty("http.retry-delay", "20ms");
        p.setProperty("http.retry-max-delay", "100ms");
        p.setProperty("http.response-timeout", "10s");
        p.setProperty("cbr.await-timeout", "10s");
        p.setProperty("startup.warm-up", "false");
        return p;
    }

    /** Index page 1 listing every company of the stub, its pager taken away. */
    private static String onePageIndex(StubSite site) {
        String page = new String(DemoSite.render(site.companies.subList(0, DemoSite.ROWS_PER_PAGE)).get(DemoSite.INDEX_PATH).body(),
                StandardCharsets.UTF_8);
        String rest = new String(DemoSite.render(site.companies).get(DemoSite.INDEX_PATH + "?p=2").body(), StandardCharsets.UTF_8);
        String restRows = rest.substring(rest.indexOf("<tbody class=\"table__tbody\">") + "<tbody class=\"table__tbody\">".length(),
                rest.indexOf("</tbody>"));
        return page.replace("</tbody>", restRows + "</tbody>").replaceAll("(?s)\\s*<div class=\"finando_paging.*?</div>", "");
    }

    private static List<String> userAgents(StubSite site) {
        return site.server.getAllServeEvents().stream().map(e -> String.valueOf(e.getRequest().getHeader("User-Agent"))).toList();
    }

    private static int max(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static Optional<HostileSite.Served> awaitServed(HostileSite site, String target, HostileSite.Outcome outcome,
                                                            Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HostileSite.Served> found = site.served().stream()
                    .filter(s -> s.target().equals(target) && s.outcome() == outcome).findFirst();
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    private JsonNode summary() throws IOException {
        return JSON.readTree(reports.resolve("run-summary.json").toFile());
    }

    private String failedRunError() throws IOException {
        return JSON.readTree(reports.resolve("last-failed-run.json").toFile()).get("error").asText();
    }

    private Map<String, byte[]> published() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (String name : PUBLISHED) {
            files.put(name, Files.readAllBytes(reports.resolve(name)));
        }
        return files;
    }
}
