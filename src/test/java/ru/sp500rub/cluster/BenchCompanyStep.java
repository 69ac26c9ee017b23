package ru.sp500rub.cluster;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import ru.sp500rub.parse.CompanyPageParser;

/**
 * The prototype's company step for the benchmark: a real GET through this instance's camel-http (from
 * its own local address), a status check, up to 4 retries 250 ms apart on 429/5xx/I/O, and the real
 * parser. A page that fails for good becomes a failure result, never an exception.
 */
final class BenchCompanyStep extends RouteBuilder {

    static final class RetryableStatus extends Exception {
        RetryableStatus(int status) {
            super("HTTP " + status, null, false, false);
        }
    }

    private final CompanyPageParser parser = new CompanyPageParser();

    @Override
    public void configure() {
        onException(Exception.class).maximumRedeliveries(4).redeliveryDelay(250).handled(true).logExhausted(false)
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.DEBUG)
                .process(exchange -> {
                    ClusterTask task = exchange.getProperty("bench.task", ClusterTask.class);
                    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    exchange.getIn().setBody(ClusterResult.failed(task.runId(), task.listed().pageUrl(),
                            LogText.of(cause.getMessage(), 200), new ResultFigures(5, Duration.ZERO)));
                });

        from(ClusterRoutes.COMPANY).routeId("bench-company")
                .process(exchange -> exchange.setProperty("bench.task", exchange.getIn().getBody(ClusterTask.class)))
                .to("direct:bench-get")
                .process(this::parse);

        from("direct:bench-get").routeId("bench-get").errorHandler(noErrorHandler())
                .process(exchange -> {
                    URI url = exchange.getProperty("bench.task", ClusterTask.class).listed().pageUrl();
                    exchange.getIn().removeHeaders("*");
                    exchange.getIn().setHeader(Exchange.HTTP_URI, url.toString());
                    exchange.getIn().setBody(null);
                })
                .to("http://site?throwExceptionOnFailure=false")
                .process(exchange -> {
                    int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
                    if (status != 200) {
                        throw new RetryableStatus(status);
                    }
                });
    }

    private void parse(Exchange exchange) {
        ClusterTask task = exchange.getProperty("bench.task", ClusterTask.class);
        int attempts = 1 + exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        byte[] page = exchange.getIn().getBody(byte[].class);
        long start = System.nanoTime();
        var quote = parser.parse(page, StandardCharsets.UTF_8);
        exchange.getIn().setBody(ClusterResult.delivered(task.runId(), task.listed().pageUrl(), quote,
                new ResultFigures(attempts, Duration.ofNanos(System.nanoTime() - start))));
    }
}
