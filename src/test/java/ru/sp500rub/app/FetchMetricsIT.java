package ru.sp500rub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import ru.sp500rub.ops.OpsServer;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.route.Keys;

/**
 * The HTTP metrics as the real fetch layer feeds them (OpsRoutesTest's fake site stands in for that
 * layer, so it cannot count them): a service with its ops server on a free port runs once against a
 * WireMock site whose answers the test chose, and GET /metrics counts what was sent, by the status of
 * its answer, and what was sent again.
 */
class FetchMetricsIT {

    private static final Pattern OPS_ADDRESS = Pattern.compile("Ops HTTP server on (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path reports;

    @Test
    void theMetricsCountRequestsByStatusAndRetriesThroughTheRealFetchLayer() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger opsServer = (Logger) LoggerFactory.getLogger(OpsServer.class);
        opsServer.addAppender(log);
        try (StubSite site = new StubSite(50)) {
            site.always(site.companyPath(3), aResponse().withStatus(503));                            // 1 + 3 retries
            site.failOnce(site.companyPath(5), aResponse().withStatus(503));                          // 503, then 200
            site.always(site.companyPath(7), aResponse().withStatus(404));                            // not retried
            site.failOnce(site.companyPath(9), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)); // no answer, then 200
            Properties settings = site.settings(reports);
            settings.setProperty("triggers.enabled", "false");
            settings.setProperty("ops.enabled", "true");
            settings.setProperty("ops.port", "0");
            Main main = Service.createMain(settings);
            main.start();
            try {
                Exchange done = main.getCamelTemplate().send("direct:scrape", e -> e.setProperty(Keys.TRIGGER, "test"));
                assertThat(done.getException()).isNull();
                assertThat(done.getMessage().getBody(RunOutcome.class).summary().companiesDelivered()).isEqualTo(48);

                String metrics = get(opsAddress(log).resolve("metrics"));

                assertThat(value(metrics, "sp500_http_requests_total{status=\"503\"}")).isEqualTo(5);
                assertThat(value(metrics, "sp500_http_requests_total{status=\"404\"}")).isEqualTo(1);
                assertThat(value(metrics, "sp500_http_requests_total{status=\"none\"}")).isEqualTo(1);
                assertThat(value(metrics, "sp500_http_retries_total")).isEqualTo(3 + 1 + 1);
                // 2 index pages, 48 company pages, the CBR at least once; hedges, if the machine was slow, add some
                double hedges = value(metrics, "sp500_http_hedges_total");
                assertThat(value(metrics, "sp500_http_requests_total{status=\"200\"}")).isBetween(51.0, 52.0 + hedges);
                // every answer the site gave was counted once: WireMock's count of requests answered by it
                long answered = site.server.getAllServeEvents().size();
                double counted = value(metrics, "sp500_http_requests_total{status=\"200\"}") + 5 + 1 + 1;
                assertThat(counted).isEqualTo((double) answered);
            } finally {
                main.stop();
            }
        } finally {
            opsServer.detachAppender(log);
        }
    }

    private static URI opsAddress(ListAppender<ILoggingEvent> log) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).map(OPS_ADDRESS::matcher).filter(Matcher::find)
                .map(m -> URI.create(m.group(1))).findFirst()
                .orElseThrow(() -> new AssertionError("no ops server address in the log"));
    }

    private static String get(URI uri) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** One sample of the Prometheus text format. */
    private static double value(String text, String sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no sample " + sample + " in:\n" + text);
    }
}
