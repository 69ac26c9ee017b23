package ru.sp500rub.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import ru.sp500rub.TestClock;
import ru.sp500rub.ops.OpsMetrics;
import ru.sp500rub.ops.OpsServer;
import ru.sp500rub.replay.CompanyFacts;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.StatusPage;

/**
 * Health, metrics, the status page and the history on the service's real routes and beans, fed by real
 * runs against the fake site, served by the real ops server on a free port of 127.0.0.1. The service's
 * clock starts a day after the demo rate's date and ticks; a test moves it on to make reports stale.
 * The history keeps two runs here.
 */
class OpsRoutesTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestClock clock = TestClock.ticking(Instant.parse("2022-01-01T09:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OpsServer server;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withEnableJMX();
    }

    @Override
    Map<String, String> settingsOverrides() {
        Map<String, String> overrides = super.settingsOverrides();
        overrides.put("ops.port", "0");
        overrides.put("history.keep", "2");
        return overrides;
    }

    @Override
    Clock clock() {
        return clock;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        server = OpsServer.install(context, settings.ops());
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        List<RoutesBuilder> builders = new ArrayList<>(List.of(super.createRouteBuilders()));
        builders.add(new OpsRoutes());
        return builders.toArray(RoutesBuilder[]::new);
    }

    @Test
    void readyGoes503To200AfterAGoodRunThenTo503WhenTheReportsAreOlderThanTheLimit() throws Exception {
        start();
        HttpResponse<String> before = get("/health/ready");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(check(before, "sp500-reports").path("message").asText()).startsWith("no good run yet");

        assertThat(run().getException()).isNull();
        HttpResponse<String> after = get("/health/ready");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).path("status").asText()).isEqualTo("UP");
        assertThat(check(after, "sp500-reports").path("details").path("rate.date").asText()).isEqualTo("2021-12-31");

        clock.advance(Duration.ofHours(2).plusSeconds(1)); // ops.ready-max-age: 2 x scrape.period (1h)
        HttpResponse<String> stale = get("/health/ready");
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(check(stale, "sp500-reports").path("message").asText())
                .startsWith("the published reports are from ").endsWith(", older than ops.ready-max-age (2h)");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedRunMovesTheFailureCounterAndLeavesReadyAsItWasWhileTheReportsAreFresh() throws Exception {
        start();
        run();
        assertThat(metric("sp500_runs_total{outcome=\"failed\"}")).isZero();
        assertThat(metric("sp500_runs_total{outcome=\"complete\"}")).isEqualTo(1);

        clock.advance(Duration.ofHours(1));
        site.fail(DemoSite.INDEX_PATH, FakeSite.status(404, "Not Found"));
        assertThat(run().getException()).isNotNull();

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue(OpsMetrics.CONTENT_TYPE);
        assertThat(value(metrics.body(), "sp500_runs_total{outcome=\"failed\"}")).isEqualTo(1);
        assertThat(value(metrics.body(), "sp500_runs_total{outcome=\"complete\"}")).isEqualTo(1);
        assertThat(value(metrics.body(), "sp500_last_run_companies_listed")).isZero();
        assertThat(value(metrics.body(), "sp500_last_good_run_timestamp_seconds")).isPositive();
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountTheRunsAndShowTheRateAndTheLimit() throws Exception {
        site.fail(site.companyPath(7), FakeSite.lost("HTTP 503 Service Unavailable (after 4 retries)", "HTTP 503 Service Unavailable"));
        start();
        run();

        String text = get("/metrics").body();
        assertThat(value(text, "sp500_runs_total{outcome=\"partial\"}")).isEqualTo(1);
        assertThat(value(text, "sp500_last_run_companies_listed")).isEqualTo(50);
        assertThat(value(text, "sp500_last_run_companies_delivered")).isEqualTo(49);
        assertThat(value(text, "sp500_last_run_companies_failed")).isEqualTo(1);
        assertThat(value(text, "sp500_run_duration_seconds_count{outcome=\"partial\"}")).isEqualTo(1);
        // requests, retries and hedges are counted by the fetch layer, which the fake site stands in for here:
        // FetchMetricsIT (app) counts them through the real one
        assertThat(value(text, "sp500_usd_rub_rate")).isEqualTo(74.2926);
        assertThat(value(text, "sp500_usd_rub_rate_age_seconds")).isBetween(36.0 * 3600, 37.0 * 3600);
        assertThat(value(text, "sp500_http_concurrency_limit")).isEqualTo(8); // a first start's limit (FetchLayer.FIRST_LIMIT), not scrape.concurrency
    }

    @Test
    void liveStaysUpWhileTheCbrIsDownAndHealthShowsEveryCheckWithItsDetails() throws Exception {
        site.fail(DemoSite.CBR_PATH, FakeSite.lost("HTTP 503 Service Unavailable (after 4 retries)", "HTTP 503 Service Unavailable"));
        start();
        template.sendBody(Endpoints.CBR_REFRESH, null); // fails after its retries, as at start-up

        HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(names(live)).containsExactly("context", "sp500-service");

        HttpResponse<String> all = get("/health");
        assertThat(all.statusCode()).isEqualTo(503);
        assertThat(names(all)).contains("context", "sp500-service", "sp500-reports", "route:scrape-run", "route:ops-health",
                "consumer:cbr-timer");
        JsonNode reportsCheck = check(all, "sp500-reports");
        assertThat(reportsCheck.path("status").asText()).isEqualTo("DOWN");
        assertThat(reportsCheck.path("message").asText()).isEqualTo("no good run yet; no usable USD/RUB rate");
        assertThat(reportsCheck.path("details").path("reports.max.age").asText()).isEqualTo("PT2H");
    }

    @Test
    void theHealthChecksAreVisibleOverJmx() throws Exception {
        start();
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> found = mbeans.queryNames(new ObjectName("org.apache.camel:context=" + context.getManagementName()
                + ",type=health,*"), null);
        assertThat(found).hasSize(1);
        ObjectName health = found.iterator().next();
        assertThat((Boolean) mbeans.getAttribute(health, "HealthyReadiness")).isFalse();
        assertThat((Boolean) mbeans.getAttribute(health, "HealthyLiveness")).isTrue();
        @SuppressWarnings("unchecked")
        Collection<String> ids = (Collection<String>) mbeans.getAttribute(health, "HealthChecksIDs");
        assertThat(ids).contains("sp500-reports", "sp500-service");

        run();
        assertThat((Boolean) mbeans.getAttribute(health, "HealthyReadiness")).isTrue();
    }

    @Test
    void theStatusPageAndReportHtmlShowThePublishedReportsFortyBars() throws Exception {
        start();
        run();

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue(OpsRoutes.HTML);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(OpsRoutes.PAGE_POLICY);
        Document served = Jsoup.parse(page.body());
        Document file = Jsoup.parse(reports().resolve(StatusPage.FILE_NAME).toFile());
        for (Document shown : List.of(served, file)) {
            assertThat(shown.select("li.bar")).hasSize(40);
            for (Report report : Report.values()) {
                assertThat(shown.select("#chart-" + report.slug() + " li.bar").eachAttr("data-code"))
                        .isEqualTo(codes(reports().resolve(report.fileName())));
            }
        }
        assertThat(served.select("footer a").eachAttr("href")).contains("health", "metrics");
        assertThat(file.select("footer a").eachAttr("href")).contains("top10-growth.json", "run-summary.json");
        assertThat(served.select("#last-run h2").text()).isEqualTo("Last run: complete");
    }

    @Test
    void twoRunsMakeTwoHistoryEntriesAndTheSecondNamesWhatEnteredAndLeft() throws Exception {
        List<CompanyFacts> byPrice = site.companies.stream()
                .sorted(Comparator.comparing(CompanyFacts::priceUsd).reversed().thenComparing(CompanyFacts::code)).toList();
        start();
        run();
        site.fail(byPrice.get(0).pagePath(), FakeSite.status(404, "Not Found")); // the dearest share drops out
        clock.advance(Duration.ofHours(1));
        run();

        List<Path> entries = entries();
        assertThat(entries).hasSize(2);
        JsonNode second = JSON.readTree(entries.get(1).resolve("run-summary.json").toFile());
        JsonNode priceChange = second.path("changes").path("reports").path(Report.PRICE_RUB.slug());
        assertThat(priceChange.path("left").findValuesAsText("code")).containsExactly(byPrice.get(0).code());
        assertThat(priceChange.path("entered").findValuesAsText("code")).containsExactly(byPrice.get(10).code());
        assertThat(second.path("changes").path("rate").path("change").decimalValue()).isZero();
        assertThat(JSON.readTree(entries.get(0).resolve("run-summary.json").toFile()).path("changes").isNull()).isTrue();
        // the published summary, the page and the metrics say the same
        assertThat(JSON.readTree(reports().resolve("run-summary.json").toFile()).path("changes")).isEqualTo(second.path("changes"));
        assertThat(Jsoup.parse(get("/").body()).select("#changes tr[data-report=price-rub] td.left").text())
                .contains(byPrice.get(0).code());
        assertThat(metric("sp500_top10_companies_left{report=\"price-rub\"}")).isEqualTo(1);
        assertThat(metric("sp500_top10_companies_entered{report=\"price-rub\"}")).isEqualTo(1);
        for (Report report : Report.values()) {
            assertThat(entries.get(1).resolve(report.fileName())).hasSameBinaryContentAs(reports().resolve(report.fileName()));
        }
    }

    @Test
    void theHistoryKeepsHistoryKeepRunsTheNewest() throws Exception {
        start(); // history.keep=2
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(10));
            runIds.add(run().getMessage().getBody(ru.sp500rub.report.RunOutcome.class).summary().runId());
        }

        assertThat(entries()).extracting(p -> p.getFileName().toString())
                .satisfiesExactly(e -> assertThat(e).endsWith(runIds.get(1)), e -> assertThat(e).endsWith(runIds.get(2)));
    }

    @Test
    void answersGetOnlyItsOwnPathsOnItsHostOnlyAndEchoesNothingOfARequest() throws Exception {
        start();
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(uri("/health/live"))
                .header("X-Probe", "<script>").header("Cookie", "secret=1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(probe.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("x-probe")
                || name.equalsIgnoreCase("cookie") || name.toLowerCase(java.util.Locale.ROOT).startsWith("camel"));
        assertThat(probe.body()).doesNotContain("<script>", "secret");

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/health")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/reports/../../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/top10-growth.json").statusCode()).isEqualTo(404);

        // all of 127/8 reaches this machine on Linux, but the server listens on 127.0.0.1 alone
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", server.getPort()), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    private Exchange run() {
        return template.send(Endpoints.SCRAPE, exchange -> exchange.setProperty(Keys.TRIGGER, "test"));
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> entries = Files.list(reports().resolve("history"))) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private double metric(String sample) throws Exception {
        return value(get("/metrics").body(), sample);
    }

    private static double value(String text, String sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no sample " + sample + " in:\n" + text);
    }

    private static List<String> codes(Path report) throws IOException {
        return JSON.readTree(report.toFile()).findValuesAsText("code");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private static JsonNode check(HttpResponse<String> answer, String name) throws IOException {
        for (JsonNode check : JSON.readTree(answer.body()).path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + answer.body());
    }

    private static List<String> names(HttpResponse<String> answer) throws IOException {
        List<String> names = new ArrayList<>();
        JSON.readTree(answer.body()).path("checks").forEach(check -> names.add(check.path("name").asText()));
        return names;
    }
}
