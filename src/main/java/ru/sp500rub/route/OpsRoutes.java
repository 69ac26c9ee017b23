package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import ru.sp500rub.ops.OpsHealth;
import ru.sp500rub.ops.OpsMetrics;

/**
 * The ops HTTP endpoints, served by the ops server ({@code ops.OpsServer}, on ops.host:ops.port): health
 * for a supervisor or a load balancer, metrics for Prometheus, and the status page for a person. GET
 * only; nothing of a request reaches an answer (its headers are dropped before the response is built);
 * a failure answers 500 with one log line and no stack trace.
 */
public final class OpsRoutes extends RouteBuilder {

    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    /** The page needs only its own inline styles: no script, no fetch, no frame. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** GET only; a request body is never read (exceptions stay out of answers by default: muteException). */
    private static final String OPTIONS = "?httpMethodRestrict=GET&useBodyHandler=false";

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, Keys.OPS_LOG, "Ops endpoint ${routeId} failed: ${exception.message}")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(500))
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; charset=utf-8"))
                .setBody(constant("internal error; see the service's log\n"));

        health("/health/live", "ops-health-live", HealthCheck.Kind.LIVENESS);
        health("/health/ready", "ops-health-ready", HealthCheck.Kind.READINESS);
        health("/health", "ops-health", HealthCheck.Kind.ALL);

        from("platform-http:/metrics" + OPTIONS).routeId("ops-metrics")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant(OpsMetrics.CONTENT_TYPE))
                .setHeader("Cache-Control", constant("no-store"))
                .bean(Beans.OPS_METRICS, "scrape").id("scrape-metrics");

        from("platform-http:/" + OPTIONS).routeId("ops-status-page")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant(HTML))
                .setHeader("Content-Security-Policy", constant(PAGE_POLICY))
                .setHeader("X-Content-Type-Options", constant("nosniff"))
                .setHeader("Cache-Control", constant("no-store"))
                .bean(Beans.OPS_BOARD, "page").id("render-status-page");
    }

    private void health(String path, String routeId, HealthCheck.Kind kind) {
        from("platform-http:" + path + OPTIONS).routeId(routeId)
                .removeHeaders("*")
                .process(exchange -> {
                    OpsHealth.Answer answer = OpsHealth.answer(exchange.getContext(), kind);
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, answer.httpStatus());
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, JSON);
                    exchange.getMessage().setHeader("Cache-Control", "no-store");
                    exchange.getMessage().setBody(answer.json());
                }).id("invoke-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-checks");
    }
}
