package ru.sp500rub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import ru.sp500rub.replay.CompanyFacts;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.Site;

/**
 * A small copy of the site (the first companies of the demo snapshot, on two index pages) served by
 * WireMock on 127.0.0.1, into which a test injects faults page by page.
 */
final class StubSite implements AutoCloseable {

    static final String CBR = "/scripts/XML_daily.asp";
    final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final List<CompanyFacts> companies;
    private final Map<String, Site.Response> pages;

    StubSite(int companyCount) {
        companies = DemoSite.facts().subList(0, companyCount);
        pages = DemoSite.render(companies);
        server.start();
        pages.forEach((key, response) -> {
            if (!key.endsWith("?*")) {
                server.stubFor(get(key.equals(CBR) ? urlPathEqualTo(CBR) : urlEqualTo(key)).willReturn(ok(response)));
            }
        });
    }

    String companyPath(int i) {
        return companies.get(i).pagePath();
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    /** The service's configuration for this site: fast retries, short timeouts. */
    Properties settings(Path reports) {
        Properties p = new Properties();
        p.setProperty("sp500.index-url", url(DemoSite.INDEX_PATH));
        p.setProperty("cbr.url", url(CBR));
        p.setProperty("reports.dir", reports.toString());
        p.setProperty("http.retries", "3");
        p.setProperty("http.retry-delay", "20");
        p.setProperty("http.retry-max-delay", "100");
        p.setProperty("http.response-timeout", "1000");
        p.setProperty("cbr.await-timeout", "PT10S");
        return p;
    }

    /** {@code path} answers {@code fault} the first time, then its normal page. */
    void failOnce(String path, ResponseDefinitionBuilder fault) {
        server.stubFor(matching(path).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fault).willSetStateTo("recovered").atPriority(1));
        server.stubFor(matching(path).inScenario(path).whenScenarioStateIs("recovered")
                .willReturn(ok(pages.get(path))).atPriority(1));
    }

    /** {@code path} answers its normal page, {@code millis} late. */
    void slow(String path, int millis) {
        server.stubFor(matching(path).willReturn(ok(pages.get(path)).withFixedDelay(millis)).atPriority(1));
    }

    /** The CBR answers a USD rate of {@code value} (as the CBR writes it, "80,0000") from now on. */
    void usdRate(String value) {
        Site.Response cbr = pages.get(CBR);
        String xml = new String(cbr.body(), java.nio.charset.StandardCharsets.ISO_8859_1); // byte for byte
        String changed = xml.replaceFirst("(<CharCode>USD</CharCode>(?:(?!</Valute>).)*<Value>)[^<]*", "$1" + value);
        if (changed.equals(xml)) {
            throw new IllegalStateException("no USD rate in the stub's CBR answer");
        }
        always(CBR, aResponse().withStatus(200).withHeader("Content-Type", cbr.contentType())
                .withBody(changed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    /** {@code path} always answers {@code answer}. */
    void always(String path, ResponseDefinitionBuilder answer) {
        server.stubFor(matching(path).willReturn(answer).atPriority(1));
    }

    /** Every company page always answers {@code answer}. */
    void everyCompany(ResponseDefinitionBuilder answer) {
        server.stubFor(get(urlPathMatching("/stocks/.*")).willReturn(answer).atPriority(1));
    }

    /** Every request made for a company page. */
    List<LoggedRequest> companyRequests() {
        return server.findAll(getRequestedFor(urlPathMatching("/stocks/.*")));
    }

    List<LoggedRequest> requestsFor(String path) {
        return server.findAll(getRequestedFor(path.equals(CBR) ? urlPathEqualTo(CBR) : urlEqualTo(path)));
    }

    private static MappingBuilder matching(String path) {
        return get(path.equals(CBR) ? urlPathEqualTo(CBR) : urlEqualTo(path));
    }

    private static ResponseDefinitionBuilder ok(Site.Response response) {
        return aResponse().withStatus(response.status()).withHeader("Content-Type", response.contentType())
                .withBody(response.body());
    }

    @Override
    public void close() {
        server.stop();
    }
}
