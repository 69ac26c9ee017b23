package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import ru.sp500rub.config.ScrapeSettings;

/**
 * The one HTTP GET every index page, company page and CBR answer goes through: one endpoint, so one
 * connection pool sized by scrape.concurrency; headers from one response (Set-Cookie, CamelHttpPath...)
 * never reach the next request; the politeness limit, when set, counts every request. It has no error
 * handler: a failed request fails into the policy of the route that asked (see ErrorHandling).
 */
public final class HttpRoutes extends RouteBuilder {

    private final ScrapeSettings scrape;

    public HttpRoutes(ScrapeSettings scrape) {
        this.scrape = scrape;
    }

    @Override
    public void configure() {
        RouteDefinition get = from(Endpoints.HTTP_GET).routeId("http-get")
                .errorHandler(noErrorHandler())
                .bean(Beans.RUNS, "checkNotAbandoned").id("http-run-still-on")
                .removeHeaders("*");
        if (scrape.maxRequestsPerSecond() > 0) {
            get.throttle(scrape.maxRequestsPerSecond()).totalRequestsMode().timePeriodMillis(1000).id("politeness");
        }
        get.setHeader(Exchange.HTTP_URI, exchangeProperty(Keys.PAGE_URL))
                // GET on the endpoint, not as a header: the producer converts a header's text to its
                // method enum on every request, which cost a third as much CPU as all the parsing
                .to("http://sp500-rub-pages?httpMethod=GET&throwExceptionOnFailure=true").id("http-request")
                .convertBodyTo(byte[].class)
                .bean(Beans.RESPONSE_CHECK, "requireBody").id("http-response-check")
                .bean(Beans.RECORDING, "record").id("http-record")
                .removeHeaders("*", Exchange.CONTENT_TYPE, Exchange.HTTP_RESPONSE_CODE);
    }
}
