package ru.sp500rub.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * The one HTTP GET every index page, company page and CBR answer goes through. The request itself is
 * the fetch layer's (bean {@code siteFetch}): the site's learned limit, hedges, retries and the waits a
 * site asks for all happen there, so this route has no error handler and no other layer retries: a page
 * that is lost fails into the policy of the route that asked (see ErrorHandling). A request for a run
 * that is over is not sent. The politeness limit (scrape.max-requests-per-second) is the fetch layer's
 * too, so that it spaces every request, retries and hedges included.
 */
public final class HttpRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Endpoints.HTTP_GET).routeId("http-get")
                .errorHandler(noErrorHandler())
                .bean(Beans.RUNS, "checkNotAbandoned").id("http-run-still-on")
                .removeHeaders("*")
                .bean(Beans.SITE_FETCH, "get").id("http-request")
                .bean(Beans.RECORDING, "record").id("http-record");
    }
}
