package ru.sp500rub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.sp500rub.RunSamples.T0;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.RunSamples;
import ru.sp500rub.history.HistorySettings;
import ru.sp500rub.history.RunHistory;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.RunRecord;

/**
 * The ops endpoints on a real Vert.x server on a free port of 127.0.0.1, beside a route whose upstream
 * is down, fed the way the run's end feeds them (RunEndRecorder).
 */
class OpsRoutesTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UsdRubRate RATE = RunSamples.rate("74.2926", "2026-03-02");

    @TempDir
    Path reports;
    private final TestClock clock = new TestClock(T0);
    private final AtomicReference<Optional<UsdRubRate>> rate = new AtomicReference<>(Optional.of(RATE));
    private final AtomicInteger upstreamFailures = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OpsMetrics metrics;
    private RunEndRecorder recorder;
    private OpsServer server;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withEnableJMX();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        RunHistory history = new RunHistory(reports.resolve("history"), new HistorySettings(168), clock);
        OpsBoard board = OpsBoard.load(history, clock, rate::get, OpsBoard.DEFAULT_RUNS_SHOWN);
        metrics = new OpsMetrics(clock, rate::get);
        recorder = new RunEndRecorder(history, board, metrics);
        context.getRegistry().bind(OpsRoutes.METRICS, metrics);
        context.getRegistry().bind(OpsRoutes.BOARD, board);
        OpsSettings settings = OpsSettings.read(Map.of("ops.port", "0")::get, Duration.ofHours(1));
        server = OpsServer.install(context, settings);
        OpsHealth.install(context, board, settings.readyMaxAge(), Duration.ofDays(7), clock);
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new OpsRoutes(), new RouteBuilder() {
            @Override
            public void configure() {
                // what the CBR route does while the CBR is down: the failure is handled and recorded
                onException(ConnectException.class).handled(true).process(exchange -> upstreamFailures.incrementAndGet());
                from("timer:cbr?period=50").routeId("cbr-down")
                        .throwException(new ConnectException("Connection refused"));
            }
        }};
    }

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void readyGoes503To200AfterAGoodRunThenTo503WhenTheReportsAreOlderThanTheLimit() throws Exception {
        HttpResponse<String> before = get("/health/ready");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(check(before, "sp500-reports").path("message").asText()).isEqualTo("no good run yet");

        recorder.runEnded(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE), RunSamples.lists("A"));
        HttpResponse<String> after = get("/health/ready");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).path("status").asText()).isEqualTo("UP");

        clock.advance(Duration.ofHours(2)); // the run ended 2 s after T0: 2 h later it is 2 s inside the limit
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(3));
        HttpResponse<String> stale = get("/health/ready");
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(check(stale, "sp500-reports").path("message").asText())
                .isEqualTo("the published reports are from 2026-03-02T09:00:02Z, older than ops.ready-max-age (2h)");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedRunMovesTheFailureCounterAndLeavesReadyAsItWasWhileTheReportsAreFresh() throws Exception {
        recorder.runEnded(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE), RunSamples.lists("A"));
        assertThat(MetricsText.of(get("/metrics").body(), "sp500_runs_total{outcome=\"failed\"}")).isZero();

        clock.advance(Duration.ofHours(1));
        recorder.runEnded(RunSamples.failed("r2", clock.instant(), Duration.ofSeconds(1), "HTTP 503 from the index"), Map.of());

        HttpResponse<String> metricsAnswer = get("/metrics");
        assertThat(metricsAnswer.headers().firstValue("Content-Type")).hasValue(OpsMetrics.CONTENT_TYPE);
        assertThat(MetricsText.of(metricsAnswer.body(), "sp500_runs_total{outcome=\"failed\"}")).isEqualTo(1);
        assertThat(MetricsText.of(metricsAnswer.body(), "sp500_runs_total{outcome=\"complete\"}")).isEqualTo(1);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        // and a restarted service reads the same from its history: ready at once, its last run the failed one
        OpsBoard reloaded = OpsBoard.load(new RunHistory(reports.resolve("history"), new HistorySettings(168), clock),
                clock, rate::get, OpsBoard.DEFAULT_RUNS_SHOWN);
        assertThat(reloaded.lastGoodRunEnd()).hasValue(T0.plusSeconds(2));
        assertThat(reloaded.view(ru.sp500rub.report.StatusView.Mode.SERVED).lastRun().map(RunRecord::runId)).hasValue("r2");
    }

    @Test
    void liveStaysUpWhileAnUpstreamIsDownAndHealthShowsEveryCheckWithItsDetails() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstreamFailures.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(upstreamFailures.get()).isGreaterThanOrEqualTo(3);

        HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        // Camel's route and consumer checks are readiness-only: liveness is the context and the service check
        assertThat(names(live)).containsExactly("context", "sp500-service");
        assertThat(check(live, "sp500-service").path("message").asText()).isEqualTo("6 routes started");

        HttpResponse<String> all = get("/health");
        assertThat(all.statusCode()).isEqualTo(503); // not ready before the first good run
        assertThat(names(all)).contains("context", "sp500-service", "sp500-reports", "route:ops-health", "route:cbr-down",
                "consumer:cbr-down");
        assertThat(check(all, "route:cbr-down").path("status").asText()).isEqualTo("UP");
        JsonNode reportsCheck = check(all, "sp500-reports");
        assertThat(reportsCheck.path("status").asText()).isEqualTo("DOWN");
        assertThat(reportsCheck.path("details").path("rate.date").asText()).isEqualTo("2026-03-02");
        assertThat(reportsCheck.path("details").path("reports.max.age").asText()).isEqualTo("PT2H");
    }

    @Test
    void theHealthChecksAreVisibleOverJmx() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> found = mbeans.queryNames(new ObjectName("org.apache.camel:context=" + context.getManagementName()
                + ",type=health,*"), null);
        assertThat(found).hasSize(1);
        ObjectName health = found.iterator().next();
        assertThat((Boolean) mbeans.getAttribute(health, "HealthyReadiness")).isFalse();
        assertThat((Boolean) mbeans.getAttribute(health, "HealthyLiveness")).isTrue();
        @SuppressWarnings("unchecked")
        java.util.Collection<String> ids = (java.util.Collection<String>) mbeans.getAttribute(health, "HealthChecksIDs");
        assertThat(ids).contains("sp500-reports", "sp500-service");

        recorder.runEnded(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE), RunSamples.lists("A"));
        assertThat((Boolean) mbeans.getAttribute(health, "HealthyReadiness")).isTrue();
    }

    @Test
    void theStatusPageShowsTheLastRunsFortyBarsAndFetchesNothing() throws Exception {
        recorder.runEnded(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE), RunSamples.lists("A"));

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue(OpsRoutes.HTML);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(OpsRoutes.PAGE_POLICY);
        assertThat(Jsoup.parse(page.body()).select("li.bar")).hasSize(40);
        assertThat(Jsoup.parse(page.body()).select("footer a").eachAttr("href")).contains("health", "metrics");
    }

    @Test
    void nothingOfARequestComesBackInItsAnswer() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/health/live"))
                .header("X-Probe", "<script>").header("Cookie", "secret=1").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("x-probe")
                || name.equalsIgnoreCase("cookie") || name.toLowerCase(java.util.Locale.ROOT).startsWith("camel"));
        assertThat(answer.body()).doesNotContain("<script>", "secret");
    }

    @Test
    void answersGetOnlyAndOnlyItsOwnPaths() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/health")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/reports/../../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/top10-growth.json").statusCode()).isEqualTo(404);
    }

    @Test
    void listensOnItsHostOnly() {
        assertThat(server.getPort()).isPositive();
        // all of 127/8 reaches this machine on Linux, but the server listens on 127.0.0.1 alone
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", server.getPort()), 2000);
            }
        }).isInstanceOf(ConnectException.class);
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
