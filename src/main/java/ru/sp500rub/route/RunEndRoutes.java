package ru.sp500rub.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * Where every run ends, published or failed (the body is its outcome): what it leaves for an operator,
 * then the run is closed. Anything that follows runs over time (history, metrics, health) is one more
 * step here.
 */
public final class RunEndRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Endpoints.RUN_ENDED).routeId("run-ended")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .bean(Beans.RUN_RECORDS, "record").id("run-record")
                .bean(Beans.RUN_GATE, "runEnded").id("run-gate-outcome")
                .bean(Beans.RUNS, "end").id("run-close");
    }
}
