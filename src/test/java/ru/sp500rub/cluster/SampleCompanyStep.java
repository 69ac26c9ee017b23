package ru.sp500rub.cluster;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.camel.builder.RouteBuilder;
import ru.sp500rub.model.CompanyQuote;

/**
 * Stands in for the real {@code direct:company} (fetch + parse): waits a while, then answers a quote made
 * from the page URL. A company listed as "POISON..." makes it throw every time. Each start and end is
 * told to a listener (instance id, "START url" / "DONE url").
 */
final class SampleCompanyStep extends RouteBuilder {

    private final String instanceId;
    private final Duration work;
    private final BiConsumer<String, String> listener;

    SampleCompanyStep(String instanceId, Duration work, BiConsumer<String, String> listener) {
        this.instanceId = instanceId;
        this.work = work;
        this.listener = listener;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // the worker route's policy deals with a failure, once
        from(ClusterRoutes.COMPANY).routeId("sample-company")
                .process(exchange -> {
                    ClusterTask task = exchange.getIn().getBody(ClusterTask.class);
                    URI url = task.listed().pageUrl();
                    listener.accept(instanceId, "START " + url);
                    Thread.sleep(work.toMillis());
                    if (task.listed().name().startsWith("POISON")) {
                        listener.accept(instanceId, "THROW " + url);
                        throw new IllegalStateException("the sample step cannot read this page");
                    }
                    exchange.getIn().setBody(ClusterResult.delivered(task.runId(), url, quoteFor(url), new ResultFigures(1, Duration.ofMillis(2))));
                    listener.accept(instanceId, "DONE " + url);
                });
    }

    static CompanyQuote quoteFor(URI url) {
        String path = url.getPath();
        String code = path.substring(path.lastIndexOf('/') + 1).toUpperCase();
        BigDecimal price = BigDecimal.valueOf(100 + Math.floorMod(path.hashCode(), 1000), 0).add(new BigDecimal("0.25"));
        return new CompanyQuote(code.length() > 20 ? code.substring(0, 20) : code, "Company " + code, price,
                Optional.empty(), Optional.empty());
    }
}
